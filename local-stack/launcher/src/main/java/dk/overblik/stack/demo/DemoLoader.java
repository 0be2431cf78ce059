package dk.overblik.stack.demo;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.party.CprBusinessEvent;
import dk.overblik.contracts.party.CprEvent;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.simulator.Ids;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.Summary;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.RestSink;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.process.Http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Loads the demo set: a small simulated pair of municipalities (seed 42): each organisation as a
 * full export to org-sync (as OS2sync would deliver it), then cases and documents through the
 * vendor API with each source system's own token, as a real fagsystem would deliver them. Then the
 * showcase person (0101801234) moves out of municipality A, so caseworker-a's inbox holds "stop the
 * benefit". Idempotent: the same seed gives the same records, which the indexer recognises as
 * already there, and the move has a fixed event id, which advis recognises.
 */
public final class DemoLoader {
    /** Citizens per demo municipality. */
    static final int CITIZENS = 100;
    static final long SEED = 42;

    private DemoLoader() {
    }

    public static Summary load(StackEnv env) {
        RestSink.Endpoints endpoints = new RestSink.Endpoints(env.get(StackEnv.INDEXER_URL), null, env.get(StackEnv.ORGSYNC_URL),
                env.get(StackEnv.OIDC_ISSUER), Tokens.DEMO_SECRET);
        RestSink sink = new RestSink(endpoints, 4);
        Summary summary;
        try {
            summary = new Simulation(Scenario.of(SEED, CITIZENS)).run(sink, Progress.silent(), RateLimiter.unlimited());
        } finally {
            sink.close();
        }
        if (sink.failures() > 0) {
            throw new StackException("The vendor API refused " + sink.failures() + " demo records; see the output above and "
                    + "the logs of the indexer and org-sync.");
        }
        moveShowcasePersonOut(env);
        return summary;
    }

    /** Once the showcase person's cases are searchable, a CPR event from the distributor: moved from A to B. */
    static void moveShowcasePersonOut(StackEnv env) {
        PartyRef person = PartyRef.cpr(Ids.cpr(0));
        byte[] count = ("{\"query\": {\"term\": {\"" + CaseIndex.PARTY_REFS + "\": \"" + person.urn() + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plusSeconds(120);
        while (countCases(env.get(StackEnv.OPENSEARCH_URL), count) < 3) {
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("The showcase person's cases were not searchable within 2 minutes; see the indexer's log.");
            }
            sleep();
        }
        CprEvent moved = new CprEvent(UUID.nameUUIDFromBytes("overblik-demo-move".getBytes(StandardCharsets.UTF_8)), person.number(),
                CprEvent.objekthandling(CprBusinessEvent.FLYTNING, Municipality.A.code(), Municipality.B.code()),
                Instant.parse("2026-12-01T00:00:00Z"));
        String token = new Tokens(env.get(StackEnv.OIDC_ISSUER)).forClient("cpr-distributor", Tokens.DEMO_SECRET);
        int status = send(HttpRequest.newBuilder(URI.create(env.get(StackEnv.ADVIS_URL) + "/api/v1/cpr-events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(moved))).build()).statusCode();
        if (status != 202) {
            throw new StackException("advis-service refused the demo CPR event (" + status + "); see its log.");
        }
    }

    private static long countCases(String openSearch, byte[] query) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(openSearch + "/" + CaseIndex.READ_ALIAS + "/_count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(query)).build());
        if (response.statusCode() != 200) {
            return 0;
        }
        try {
            return Json.mapper().readTree(response.body()).path("count").asLong();
        } catch (IOException e) {
            return 0;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return Http.client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException("Could not reach " + request.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted");
        }
    }
}
