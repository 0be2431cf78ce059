package dk.overblik.indexer.quality;

import dk.overblik.contracts.index.IndexDefinition;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.value.Cvr;
import dk.overblik.indexer.index.BulkWriter;
import dk.overblik.service.opensearch.IndexSetup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Counts, per municipality and source system, what the indexer accepted, what the vendor API
 * refused and why, what was dead-lettered and why, and what was accepted with a warning and which:
 * what a municipality watches while it connects a new fagsystem. Counts gather in memory and are added to the
 * {@code overblik-ingest-quality} index every few seconds (one scripted increment per row), so
 * every instance contributes; a crash loses at most the last few seconds of counts.
 */
@ApplicationScoped
public class QualityRecorder {
    public static final IndexDefinition INDEX = new IndexDefinition("overblik-ingest-quality",
            "dk/overblik/indexer/quality/overblik-ingest-quality-template.json");
    public static final String UNKNOWN = "unknown";
    private static final Logger LOG = Logger.getLogger(QualityRecorder.class);
    private static final Pattern INDEX_IN_PATH = Pattern.compile("\\[\\d+]");
    private static final Pattern SOURCE = Pattern.compile("urn:overblik:source:(\\d{8}):([a-z0-9][a-z0-9._-]*)");

    private static final String INCREMENT = """
            def s = ctx._source;
            s.tenant = params.tenant; s.sourceSystem = params.sourceSystem;
            s.accepted = (s.accepted == null ? 0 : s.accepted) + params.accepted;
            s.rejected = (s.rejected == null ? 0 : s.rejected) + params.rejected;
            s.deadLettered = (s.deadLettered == null ? 0 : s.deadLettered) + params.deadLettered;
            if (s.rejectedByReason == null) { s.rejectedByReason = [:]; }
            for (def e : params.rejectedByReason.entrySet()) { s.rejectedByReason[e.getKey()] = (s.rejectedByReason[e.getKey()] ?: 0) + e.getValue(); }
            if (s.deadLetteredByReason == null) { s.deadLetteredByReason = [:]; }
            for (def e : params.deadLetteredByReason.entrySet()) { s.deadLetteredByReason[e.getKey()] = (s.deadLetteredByReason[e.getKey()] ?: 0) + e.getValue(); }
            if (params.warned > 0) {
              s.warned = (s.warned == null ? 0 : s.warned) + params.warned;
              if (s.warnedByReason == null) { s.warnedByReason = [:]; }
              for (def e : params.warnedByReason.entrySet()) { s.warnedByReason[e.getKey()] = (s.warnedByReason[e.getKey()] ?: 0) + e.getValue(); }
            }
            for (def f : ['lastAcceptedAt', 'lastRejectedAt', 'lastDeadLetteredAt', 'lastWarnedAt']) {
              if (params[f] != null && (s[f] == null || params[f].compareTo(s[f]) > 0)) { s[f] = params[f]; }
            }
            """;

    private final BulkWriter bulk;
    private final IndexSetup setup;
    private final dk.overblik.indexer.index.WriteGate gate;
    private volatile Map<Key, Counts> pending = new ConcurrentHashMap<>();

    public QualityRecorder(BulkWriter bulk, IndexSetup setup, dk.overblik.indexer.index.WriteGate gate) {
        this.bulk = bulk;
        this.setup = setup;
        this.gate = gate;
    }

    record Key(String tenant, String sourceSystem) {
        String id() {
            return tenant + ":" + sourceSystem;
        }
    }

    private static final class Counts {
        long accepted;
        long rejected;
        long deadLettered;
        long warned;
        final Map<String, Long> rejectedByReason = new HashMap<>();
        final Map<String, Long> deadLetteredByReason = new HashMap<>();
        final Map<String, Long> warnedByReason = new HashMap<>();
        Instant lastAcceptedAt;
        Instant lastRejectedAt;
        Instant lastDeadLetteredAt;
        Instant lastWarnedAt;
        /** Taken by a flush: what is counted from then on goes to a new one. */
        boolean taken;

        /** Adds the counts of a flush that could not be written, so that they go with the next one. */
        void add(Counts other) {
            accepted += other.accepted;
            rejected += other.rejected;
            deadLettered += other.deadLettered;
            warned += other.warned;
            other.rejectedByReason.forEach((reason, n) -> rejectedByReason.merge(reason, n, Long::sum));
            other.deadLetteredByReason.forEach((reason, n) -> deadLetteredByReason.merge(reason, n, Long::sum));
            other.warnedByReason.forEach((reason, n) -> warnedByReason.merge(reason, n, Long::sum));
            lastAcceptedAt = later(lastAcceptedAt, other.lastAcceptedAt);
            lastRejectedAt = later(lastRejectedAt, other.lastRejectedAt);
            lastDeadLetteredAt = later(lastDeadLetteredAt, other.lastDeadLetteredAt);
            lastWarnedAt = later(lastWarnedAt, other.lastWarnedAt);
        }

        private static Instant later(Instant a, Instant b) {
            return a == null || (b != null && b.isAfter(a)) ? b : a;
        }
    }

    public void accepted(String tenant, String sourceSystem, Instant ignoredRegisteredAt) {
        count(key(tenant, sourceSystem), counts -> {
            counts.accepted++;
            counts.lastAcceptedAt = Instant.now();
        });
    }

    /** {@code times} accepted records, or links of one, had something the municipality should know about. */
    public void warned(String tenant, String sourceSystem, QualityWarning warning, int times) {
        if (times <= 0) {
            return;
        }
        count(key(tenant, sourceSystem), counts -> {
            counts.warned += times;
            counts.lastWarnedAt = Instant.now();
            counts.warnedByReason.merge(warning.reason(), (long) times, Long::sum);
        });
    }

    /** The vendor API refused a record; reasons are the violation codes with their field paths. */
    public void rejected(String tenant, String sourceSystem, List<Violation> violations) {
        count(key(tenant, sourceSystem), counts -> {
            counts.rejected++;
            counts.lastRejectedAt = Instant.now();
            violations.stream().map(QualityRecorder::reason).distinct()
                    .forEach(reason -> counts.rejectedByReason.merge(reason, 1L, Long::sum));
        });
    }

    /** A record was set aside on the dead-letter topic; municipality and system come from its CloudEvents source. */
    public void deadLettered(String ceSource, String recordKey, String reason) {
        var m = ceSource == null ? null : SOURCE.matcher(ceSource);
        String tenant = m != null && m.matches() ? m.group(1) : tenantOfKey(recordKey);
        String system = m != null && m.matches() ? m.group(2) : UNKNOWN;
        count(key(tenant, system), counts -> {
            counts.deadLettered++;
            counts.lastDeadLetteredAt = Instant.now();
            counts.deadLetteredByReason.merge(reason.length() > 120 ? reason.substring(0, 120) : reason, 1L, Long::sum);
        });
    }

    private static String tenantOfKey(String key) {
        String tenant = key == null || key.indexOf('/') < 0 ? null : key.substring(0, key.indexOf('/'));
        return Cvr.isValid(tenant) ? tenant : UNKNOWN;
    }

    static String reason(Violation v) {
        String path = INDEX_IN_PATH.matcher(v.path()).replaceAll("[]");
        if (path.startsWith("[].")) {
            path = path.substring(3);
        }
        return v.code() + " " + path;
    }

    private static Key key(String tenant, String sourceSystem) {
        return new Key(tenant == null ? UNKNOWN : tenant, sourceSystem == null ? UNKNOWN : sourceSystem);
    }

    /** Changes the counts of {@code key} not yet taken by a flush. */
    private void count(Key key, Consumer<Counts> change) {
        while (true) {
            Counts counts = pending.computeIfAbsent(key, k -> new Counts());
            synchronized (counts) {
                if (!counts.taken) {
                    change.accept(counts);
                    return;
                }
            }
            // A flush took these after this thread found them: count in the new ones.
        }
    }

    @Scheduled(every = "${overblik.indexer.quality-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFlush() {
        return flush().onFailure().recoverWithItem(e -> {
            LOG.warnf("Could not write the ingest quality counts yet: %s", e.getMessage());
            return null;
        });
    }

    /**
     * Adds what was counted since the last flush to the index. The write is not cancelled with its
     * caller (a report whose client gave up while a reindex held the write gate): a write that was let
     * into the gate must leave it. Counts that could not be written go with the next flush.
     */
    public Uni<Void> flush() {
        CompletableFuture<Void> written = new CompletableFuture<>();
        write().subscribe().with(written::complete, written::completeExceptionally);
        return Uni.createFrom().completionStage(written);
    }

    private synchronized Uni<Void> write() {
        Map<Key, Counts> taken = pending;
        if (taken.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        pending = new ConcurrentHashMap<>();
        List<BulkWriter.Operation> operations = new ArrayList<>();
        taken.forEach((key, counts) -> {
            synchronized (counts) {
                counts.taken = true;
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("tenant", key.tenant());
                params.put("sourceSystem", key.sourceSystem());
                params.put("accepted", counts.accepted);
                params.put("rejected", counts.rejected);
                params.put("deadLettered", counts.deadLettered);
                params.put("warned", counts.warned);
                params.put("rejectedByReason", counts.rejectedByReason);
                params.put("deadLetteredByReason", counts.deadLetteredByReason);
                params.put("warnedByReason", counts.warnedByReason);
                params.put("lastAcceptedAt", text(counts.lastAcceptedAt));
                params.put("lastRejectedAt", text(counts.lastRejectedAt));
                params.put("lastDeadLetteredAt", text(counts.lastDeadLetteredAt));
                params.put("lastWarnedAt", text(counts.lastWarnedAt));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("scripted_upsert", true);
                body.put("upsert", Map.of());
                body.put("script", Map.of("lang", "painless", "source", INCREMENT, "params", params));
                operations.add(BulkWriter.Operation.scriptedUpdate(INDEX.writeAlias(), key.id(), body));
            }
        });
        return gate.enter()
                .chain(() -> setup.ensure(INDEX).chain(() -> bulk.write("quality", operations)).eventually(gate::exit))
                .invoke(results -> results.stream().filter(r -> r.outcome() == BulkWriter.Outcome.REJECTED).findFirst().ifPresent(r ->
                        LOG.errorf("OpenSearch refused ingest quality counts (%s); they are lost", r.reason())))
                .onFailure().invoke(e -> taken.forEach((key, counts) -> count(key, fresh -> fresh.add(counts))))
                .replaceWithVoid();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
