package dk.overblik.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.index.BulkActions;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.OpenSearchJson;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch with one bulk request and tells, per operation, what became of it. Failures
 * that can pass (OpenSearch down, 429 overload, 5xx, an index blocked for writes or not found) are retried with exponential back-off until
 * they succeed, only the failed operations each time, so the caller never commits offsets for
 * something that is not durable; a version conflict on a versioned write means the index holds
 * this or a newer version (stale); any other refusal is final (rejected, with OpenSearch's reason).
 */
@ApplicationScoped
public class BulkWriter {
    private static final Logger LOG = Logger.getLogger(BulkWriter.class);
    private static final String INDEX_NOT_FOUND = "index_not_found_exception";

    private final OpenSearchJson openSearch;
    private final IndexerConfig config;
    private final IndexerMetrics metrics;

    public BulkWriter(OpenSearchJson openSearch, IndexerConfig config, IndexerMetrics metrics) {
        this.openSearch = openSearch;
        this.config = config;
        this.metrics = metrics;
    }

    public enum Outcome { WRITTEN, STALE, REJECTED }

    public record Result(Outcome outcome, String reason) {
        static final Result WRITTEN = new Result(Outcome.WRITTEN, null);
        static final Result STALE = new Result(Outcome.STALE, null);

        /** Refused because the document is not there (an update without upsert); the reason starts with OpenSearch's error type. */
        public boolean missingDocument() {
            return outcome == Outcome.REJECTED && reason.startsWith("document_missing_exception");
        }
    }

    /**
     * One bulk operation: its action line and its source (the document or update body), both JSON
     * and encoded when the operation is made, so that a channel encodes its next batch while
     * OpenSearch writes the one before. {@code versioned}: a 409 means stale (external
     * versioning), not a race to retry.
     */
    public record Operation(byte[] action, byte[] source, boolean versioned) {

        /** Index with the registration time as external version. */
        public static Operation versionedIndex(String index, String id, long version, Object document) {
            return new Operation(BulkActions.versionedIndex(index, id, version), Json.toBytes(document), true);
        }

        /** A scripted update (or scripted upsert); OpenSearch retries internal races itself first. */
        public static Operation scriptedUpdate(String index, String id, Map<String, Object> body) {
            return new Operation(BulkActions.update(index, id, 5), Json.toBytes(body), false);
        }
    }

    public Uni<List<Result>> write(String kind, List<Operation> operations) {
        Result[] results = new Result[operations.size()];
        Timer.Sample sample = Timer.start();
        return attempt(operations, results, Arrays.asList(indices(operations.size())), config.retryBackoffMin())
                .invoke(() -> sample.stop(metrics.bulk(kind)))
                .replaceWith(() -> List.of(results));
    }

    private Uni<Void> attempt(List<Operation> operations, Result[] results, List<Integer> pending, Duration backoff) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Only what is read below comes back: a full answer is some 200 bytes per operation to write and parse. Every write
        // goes through an alias (require_alias): an alias not there is an error to wait out, never an index created by its name.
        return openSearch.ndjson("/_bulk?require_alias=true&filter_path=items.*.status,items.*.result,items.*.error",
                        body(operations, pending))
                .onItem().transformToUni(response -> {
                    List<Integer> retry = new ArrayList<>();
                    JsonNode items = response.path("items");
                    if (items.size() != pending.size()) {
                        // Not an answer to this request: send it again (every operation may be repeated).
                        return Uni.createFrom().<Void>failure(new IOException("OpenSearch answered " + items.size() + " items to a bulk of "
                                + pending.size()));
                    }
                    for (int i = 0; i < pending.size(); i++) {
                        JsonNode item = items.get(i).elements().next();
                        int status = item.path("status").asInt();
                        Operation op = operations.get(pending.get(i));
                        if (status < 300) {
                            results[pending.get(i)] = "noop".equals(item.path("result").asText()) ? Result.STALE : Result.WRITTEN;
                        } else if (status == 409 && op.versioned()) {
                            results[pending.get(i)] = Result.STALE;
                        } else if (status == 409 || status == 429 || status >= 500 || waitsForItsIndex(item.path("error"))) {
                            retry.add(pending.get(i));
                        } else {
                            results[pending.get(i)] = new Result(Outcome.REJECTED, OpenSearchJson.describeError(item.path("error")));
                        }
                    }
                    if (retry.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("OpenSearch could not take %d of %d operations now; retrying in %d ms", retry.size(), pending.size(),
                            backoff.toMillis());
                    return later(backoff).chain(() -> attempt(operations, results, retry, next(backoff)));
                })
                // Only what may pass: a refusal, or a client closed at shutdown, fails the write instead of trying for ever.
                .onFailure(BulkWriter::mayPass)
                .recoverWithUni(e -> {
                    LOG.warnf("Bulk write failed (%s); retrying in %d ms without committing", e.getMessage(), backoff.toMillis());
                    return later(backoff).chain(() -> attempt(operations, results, pending, next(backoff)));
                });
    }

    /**
     * What a retry of a whole request of the indexer's can cure: OpenSearch away or overloaded, or
     * one of the indexer's aliases not found. The indexer creates its indices before its first
     * write, so an alias not found is OpenSearch answering after a restart before it has recovered
     * its indices, or an index deleted under the indexer: the write waits, uncommitted, until the
     * index is back, instead of stopping the channel. {@link #waitsForItsIndex} is the same rule for
     * one operation of a bulk.
     */
    static boolean mayPass(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof OpenSearchJson.Failure f && INDEX_NOT_FOUND.equals(f.type())) {
                return true;
            }
        }
        return OpenSearchJson.isTransient(failure);
    }

    /**
     * The index is closed or blocked for writes (an operator's block, or read-only after a disk
     * watermark), or its alias is not found (see {@link #mayPass}): nothing is wrong with the
     * record, so it waits, uncommitted, until writes are let in.
     */
    private static boolean waitsForItsIndex(JsonNode error) {
        String type = error.path("type").asText();
        return "cluster_block_exception".equals(type) || "index_closed_exception".equals(type) || INDEX_NOT_FOUND.equals(type);
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.retryBackoffMax()) > 0 ? config.retryBackoffMax() : doubled;
    }

    private static Uni<Void> later(Duration delay) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
    }

    private static byte[] body(List<Operation> operations, List<Integer> pending) {
        int length = 0;
        for (int i : pending) {
            length += operations.get(i).action().length + operations.get(i).source().length + 2;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        for (int i : pending) {
            Operation op = operations.get(i);
            body.put(op.action()).put((byte) '\n').put(op.source()).put((byte) '\n');
        }
        return body.array();
    }

    private static Integer[] indices(int n) {
        Integer[] all = new Integer[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
