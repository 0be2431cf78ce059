package dk.overblik.service.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.index.IndexDefinition;
import dk.overblik.contracts.json.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts an index's template and, on a fresh cluster, creates its first version with the read and
 * write aliases; on a cluster that has the index, puts the template's mappings on its current
 * version, so that fields a release adds are there before it writes them (the mappings are
 * strict). Idempotent and safe when several instances race; retried until OpenSearch answers.
 * The indexer runs it before its first write.
 */
@ApplicationScoped
public class IndexSetup {
    private static final Logger LOG = Logger.getLogger(IndexSetup.class);

    private final OpenSearchJson openSearch;
    private final Map<String, Uni<Void>> ready = new ConcurrentHashMap<>();

    public IndexSetup(OpenSearchJson openSearch) {
        this.openSearch = openSearch;
    }

    /** Completes once the index's template, first version and aliases exist; runs once per index. */
    public Uni<Void> ensure(IndexDefinition index) {
        return ready.computeIfAbsent(index.name(), name -> Uni.createFrom().deferred(() -> apply(index))
                .onFailure().invoke(e -> LOG.warnf("Setting up index %s failed, retrying: %s", name, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .memoize().indefinitely());
    }

    private Uni<Void> apply(IndexDefinition index) {
        String template = resource(index.templateResource());
        return execute("PUT", "/_index_template/" + index.templateName(), template)
                .chain(() -> aliasExists(index.writeAlias()))
                .chain(aliasExists -> aliasExists ? updateMappings(index, template) : createFirstVersion(index));
    }

    /**
     * Adds the template's new fields to the index behind the write alias. A change OpenSearch
     * cannot make in place (a field's type) needs a reindex into a new version, and an index
     * blocked for writes (a disk watermark) or a role without the right refuses it too: that is
     * logged, and the index is used as it is rather than not at all (writes of the new fields are
     * refused until it is reindexed). Only what may pass (OpenSearch away, overloaded) is retried.
     */
    private Uni<Void> updateMappings(IndexDefinition index, String template) {
        JsonNode mappings;
        try {
            mappings = Json.mapper().readTree(template).path("template").path("mappings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (mappings.isMissingNode()) {
            return Uni.createFrom().voidItem();
        }
        return openSearch.send("PUT", "/" + index.writeAlias() + "/_mapping", Json.toBytes(mappings), "application/json")
                .replaceWithVoid()
                .onFailure(e -> !OpenSearchJson.isTransient(e)).recoverWithUni(e -> {
                    LOG.errorf("OpenSearch refused the mappings of %s's template (%s): a field's type changed (reindex), or the index"
                            + " is blocked for writes; writing with the mappings it has", index.writeAlias(), e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> createFirstVersion(IndexDefinition index) {
        return execute("PUT", "/" + index.version(1), index.firstVersionBody())
                // Writes and searches fail until the new primary shard is allocated. OpenSearch waits less than the
                // client waits for its answer (OpenSearchJson), so it answers either way.
                .chain(() -> execute("GET", "/_cluster/health/" + index.version(1) + "?wait_for_status=yellow&timeout=20s", null))
                .invoke(() -> LOG.infof("Index %s is ready with aliases %s and %s", index.version(1), index.readAlias(), index.writeAlias()));
    }

    private Uni<Boolean> aliasExists(String alias) {
        return openSearch.send("HEAD", "/_alias/" + alias, null, null).map(found -> true)
                .onFailure(e -> e instanceof OpenSearchJson.Failure f && f.status() == 404).recoverWithItem(false);
    }

    private Uni<Void> execute(String method, String endpoint, String json) {
        return openSearch.send(method, endpoint, json == null ? null : json.getBytes(StandardCharsets.UTF_8), "application/json")
                // Another instance created it first: fine.
                .onFailure(IndexSetup::alreadyThere).recoverWithNull()
                .replaceWithVoid();
    }

    private static boolean alreadyThere(Throwable e) {
        return e instanceof OpenSearchJson.Failure f && "resource_already_exists_exception".equals(f.type());
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
