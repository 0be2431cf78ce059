package dk.overblik.service.opensearch;

import dk.overblik.contracts.index.IndexDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts an index's template and, on a fresh cluster, creates its first version with the read and
 * write aliases. Idempotent and safe when several instances race; retried until OpenSearch
 * answers. The indexer runs it before its first write.
 */
@ApplicationScoped
public class IndexSetup {
    private static final Logger LOG = Logger.getLogger(IndexSetup.class);

    private final OpenSearchGenericClient client;
    private final Map<String, Uni<Void>> ready = new ConcurrentHashMap<>();

    public IndexSetup(OpenSearchGenericClient client) {
        this.client = client;
    }

    /** Completes once the index's template, first version and aliases exist; runs once per index. */
    public Uni<Void> ensure(IndexDefinition index) {
        return ready.computeIfAbsent(index.name(), name -> Uni.createFrom().deferred(() -> apply(index))
                .onFailure().invoke(e -> LOG.warnf("Setting up index %s failed, retrying: %s", name, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .memoize().indefinitely());
    }

    private Uni<Void> apply(IndexDefinition index) {
        return execute("PUT", "/_index_template/" + index.templateName(), resource(index.templateResource()))
                .chain(() -> send("HEAD", "/_alias/" + index.writeAlias(), null))
                .chain(aliasExists -> aliasExists.getStatus() == 200 ? Uni.createFrom().voidItem() : createFirstVersion(index));
    }

    private Uni<Void> createFirstVersion(IndexDefinition index) {
        return execute("PUT", "/" + index.version(1), index.firstVersionBody())
                // Writes and searches fail until the new primary shard is allocated.
                .chain(() -> execute("GET", "/_cluster/health/" + index.version(1) + "?wait_for_status=yellow&timeout=60s", null))
                .invoke(() -> LOG.infof("Index %s is ready with aliases %s and %s", index.version(1), index.readAlias(), index.writeAlias()));
    }

    private Uni<Void> execute(String method, String endpoint, String json) {
        return send(method, endpoint, json).invoke(response -> {
            String body = response.getBody().map(b -> b.bodyAsString()).orElse("");
            // Another instance created it first: fine.
            boolean alreadyThere = response.getStatus() == 400 && body.contains("resource_already_exists_exception");
            if (response.getStatus() >= 300 && !alreadyThere) {
                throw new IllegalStateException(method + " " + endpoint + " failed with " + response.getStatus() + ": " + body);
            }
        }).replaceWithVoid();
    }

    private Uni<Response> send(String method, String endpoint, String json) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
        if (json != null) {
            request.json(json);
        }
        return Uni.createFrom().completionStage(() -> client.executeAsync(request.build()));
    }

    private static String resource(String path) {
        // The application class loader sees the resources of every module (contracts, the service).
        try (InputStream in = IndexSetup.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No index template resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
