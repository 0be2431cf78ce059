package dk.overblik.indexer.reindex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexDefinition;
import dk.overblik.contracts.json.Json;
import dk.overblik.indexer.index.WriteGate;
import dk.overblik.indexer.quality.QualityRecorder;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reindexes an index into its next version (e.g. after the template changed) and swaps the read
 * and write aliases to it in one atomic step. Searches go on against the old version throughout;
 * writes wait at the {@link WriteGate} (their batches stay in Kafka) from the start of the copy to
 * the swap, so nothing written meanwhile is lost. The old version is deleted afterwards. One
 * reindex at a time; it runs in the background and is followed by job id.
 *
 * <p>The gate holds the writers of this instance: with several indexer instances, scale to one
 * while reindexing.
 */
@ApplicationScoped
public class Reindexer {
    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final Map<String, IndexDefinition> KNOWN = Map.of(
            CaseIndex.DEFINITION.name(), CaseIndex.DEFINITION,
            DocumentIndex.DEFINITION.name(), DocumentIndex.DEFINITION,
            QualityRecorder.INDEX.name(), QualityRecorder.INDEX);

    private final OpenSearchJson openSearch;
    private final IndexSetup setup;
    private final WriteGate gate;
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private volatile boolean running;

    public Reindexer(OpenSearchJson openSearch, IndexSetup setup, WriteGate gate) {
        this.openSearch = openSearch;
        this.setup = setup;
        this.gate = gate;
    }

    public enum State { RUNNING, DONE, FAILED }

    /** A reindex: from which version to which, how far it got, how it ended. */
    public record Job(UUID id, String index, String from, String to, State state, long copied, Instant startedAt,
                      Instant finishedAt, String error) {
        Job with(State state, long copied, String error) {
            return new Job(id, index, from, to, state, copied, startedAt, state == State.RUNNING ? null : Instant.now(), error);
        }
    }

    public synchronized Job start(String index) {
        IndexDefinition definition = KNOWN.get(index);
        if (definition == null) {
            throw new ProblemException(404, "unknown-index", "No such index", "Known indices: " + KNOWN.keySet());
        }
        if (running) {
            throw new ProblemException(409, "reindex-running", "A reindex is running", "Wait for it to finish.");
        }
        running = true;
        Job job = new Job(UUID.randomUUID(), index, null, null, State.RUNNING, 0, Instant.now(), null, null);
        jobs.put(job.id(), job);
        run(job, definition).subscribe().with(
                done -> jobs.put(job.id(), done),
                e -> {
                    LOG.errorf(e, "Reindex of %s failed", index);
                    jobs.compute(job.id(), (id, j) -> j.with(State.FAILED, j.copied(), e.getMessage()));
                });
        return job;
    }

    public Job job(UUID id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new ProblemException(404, "unknown-job", "No such reindex job", "Start one with POST .../reindex.");
        }
        return job;
    }

    private Uni<Job> run(Job started, IndexDefinition index) {
        return setup.ensure(index)
                .chain(() -> currentVersion(index))
                .chain(from -> {
                    String to = index.version(versionNumber(from) + 1);
                    Job job = new Job(started.id(), started.index(), from, to, State.RUNNING, 0, started.startedAt(), null, null);
                    jobs.put(job.id(), job);
                    LOG.infof("Reindexing %s into %s", from, to);
                    return gate.close()
                            .chain(() -> copy(index, from, to, job))
                            .chain(copied -> swap(index, from, to).replaceWith(copied))
                            .onFailure().call(() -> dropUnlessLive(index, to))
                            .eventually(gate::open)
                            .chain(copied -> openSearch.send("DELETE", "/" + from, null, "application/json")
                                    .replaceWith(job.with(State.DONE, copied, null)));
                })
                .eventually(() -> running = false);
    }

    /**
     * After a failure, drops the half-made version, unless the aliases point at it: a swap whose
     * answer was lost may have got through, and then it is the live index. When even that cannot
     * be read, it is left alone (an unused index costs disk; a deleted live one costs everything).
     */
    private Uni<Void> dropUnlessLive(IndexDefinition index, String to) {
        return currentVersion(index)
                .chain(live -> live.equals(to) ? Uni.createFrom().voidItem()
                        : openSearch.send("DELETE", "/" + to, null, "application/json").replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("Left %s in place after a failed reindex: %s", to, e.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<String> currentVersion(IndexDefinition index) {
        return openSearch.send("GET", "/_alias/" + index.writeAlias(), null, "application/json").map(response -> {
            Iterator<String> names = response.fieldNames();
            if (!names.hasNext()) {
                throw new IllegalStateException("No index behind " + index.writeAlias());
            }
            return names.next();
        });
    }

    private Uni<Long> copy(IndexDefinition index, String from, String to, Job job) {
        // Cases keep their external versions; documents and counters are copied as they stand.
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("source").put("index", from);
        ObjectNode dest = body.putObject("dest").put("index", to);
        if (index.equals(CaseIndex.DEFINITION)) {
            dest.put("version_type", "external");
        }
        return openSearch.send("PUT", "/" + to, Json.toBytes(Json.mapper().createObjectNode()), "application/json")
                // OpenSearch waits less than the client waits for its answer (OpenSearchJson), so it answers either way.
                .chain(() -> openSearch.send("GET", "/_cluster/health/" + to + "?wait_for_status=yellow&timeout=20s", null, "application/json"))
                .chain(() -> openSearch.post("/_reindex?wait_for_completion=false&refresh=true", Json.toBytes(body)))
                .chain(task -> awaitTask(task.path("task").asText(), job));
    }

    private Uni<Long> awaitTask(String task, Job job) {
        return openSearch.send("GET", "/_tasks/" + task, null, "application/json").chain(status -> {
            JsonNode taskStatus = status.path("task").path("status");
            jobs.put(job.id(), job.with(State.RUNNING, taskStatus.path("created").asLong() + taskStatus.path("updated").asLong(), null));
            if (!status.path("completed").asBoolean()) {
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500)).chain(() -> awaitTask(task, job));
            }
            JsonNode response = status.path("response");
            if (response.path("failures").size() > 0 || status.has("error")) {
                return Uni.createFrom().failure(new IllegalStateException("The copy failed: "
                        + (status.has("error") ? status.path("error") : response.path("failures").get(0))));
            }
            return Uni.createFrom().item(response.path("created").asLong() + response.path("updated").asLong());
        });
    }

    private Uni<Void> swap(IndexDefinition index, String from, String to) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode actions = body.putArray("actions");
        actions.addObject().putObject("remove").put("index", from).put("alias", index.readAlias());
        actions.addObject().putObject("remove").put("index", from).put("alias", index.writeAlias());
        actions.addObject().putObject("add").put("index", to).put("alias", index.readAlias());
        actions.addObject().putObject("add").put("index", to).put("alias", index.writeAlias()).put("is_write_index", true);
        return openSearch.post("/_aliases", Json.toBytes(body)).replaceWithVoid();
    }

    static int versionNumber(String indexName) {
        Matcher m = Pattern.compile("-v(\\d+)$").matcher(indexName);
        if (!m.find()) {
            throw new IllegalStateException("Not a versioned index: " + indexName);
        }
        return Integer.parseInt(m.group(1));
    }
}
