package dk.overblik.stack.cli;

import dk.overblik.simulator.Municipality;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackLayout;

import java.io.PrintStream;
import java.nio.file.Path;

/** What {@code up} prints once everything is ready. */
final class Banner {
    private Banner() {
    }

    static void print(PrintStream out, StackLayout layout, StackEnv env, boolean serversOnly, boolean detached) {
        Path root = layout.projectDir();
        out.println();
        out.println("Overblik is running. Addresses are in " + root.relativize(layout.envFile()) + ".");
        if (!serversOnly) {
            out.printf("  indexer-service    %s   (vendor ingest API; OpenAPI at /q/openapi, Swagger UI at /q/swagger-ui)%n", env.get(StackEnv.INDEXER_URL));
            out.printf("  overview-service   %s   (party overview for caseworkers)%n", env.get(StackEnv.OVERVIEW_URL));
            out.printf("  advis-service      %s   (alert rules and the caseworker inbox)%n", env.get(StackEnv.ADVIS_URL));
            out.printf("  org-sync-service   %s   (organisation and access)%n", env.get(StackEnv.ORGSYNC_URL));
        }
        out.printf("  Keycloak           %s   (realm overblik; admin console user admin/admin)%n", env.get(StackEnv.KEYCLOAK_URL));
        out.printf("  Kafka              %s%n", env.get(StackEnv.KAFKA_BOOTSTRAP));
        out.printf("  OpenSearch         %s%n", env.get(StackEnv.OPENSEARCH_URL));
        out.printf("  PostgreSQL         %s%n", env.get(StackEnv.POSTGRES_URL));
        out.println();
        out.printf("Demo municipalities: A %s (%s), B %s (%s).%n", Municipality.A.cvr(), Municipality.A.name(),
                Municipality.B.cvr(), Municipality.B.name());
        out.println("Demo users (password demo): caseworker-a, callcenter-a, auditor-a, advisadmin-a, admin-a, caseworker-b;");
        out.println("vendor client vendor-esdh (secret demo-secret). Logs: " + root.relativize(layout.logs()) + "/");
        if (!serversOnly) {
            out.println();
            out.println("Try it:");
            out.println("  TOKEN=$(./overblik token caseworker-a)");
            out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
            out.println("       -d '{\"party\":\"urn:oio:cpr-nr:0101801234\"}' " + env.get(StackEnv.OVERVIEW_URL) + "/api/v1/party-overview");
            out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + env.get(StackEnv.ADVIS_URL) + "/api/v1/advis   (the inbox)");
        }
        out.println();
        out.println(detached ? "Stop it with ./overblik down." : "Press Ctrl-C to stop everything.");
    }
}
