package dk.overblik.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.index.BulkActions;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.record.PartyRole;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.deliver.KafkaSink;
import dk.overblik.stack.Stack;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.service.ServiceComponent.Service;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The indexer's throughput and latency. In one run on one machine: (0) a warm-up, so that neither
 * path pays for JIT compilation: bulk loads into a scratch index, then events through the running
 * indexer until the JIT compilers are quiet and N more without a pause, after which its case index
 * is created anew; (1, 4) N
 * simulator case events are pushed through Kafka and the indexer into a fresh case index, timed
 * until a sentinel behind the last event of every partition is searchable; (2, 3) the same N
 * documents are bulk-loaded straight into a fresh index with the same template, batch size and
 * requests in flight as the indexer uses; (5) events are published at a steady rate and, for a
 * sample, the time from publish to searchable is measured. Each path's rate is taken over both its
 * phases, in that order, so that drift during the run favours neither.
 */
@Command(name = "indexer", mixinStandardHelpOptions = true,
        description = "Kafka -> indexer -> OpenSearch against a direct bulk load of the same documents, and publish-to-searchable latency.")
final class IndexerBenchmark implements Callable<Integer> {
    /** As many operations per bulk request as the indexer consumes per batch (max.poll.records). */
    private static final int BATCH = 500;
    /**
     * As many bulk requests in flight as the indexer has: one consumer per topic, which writes one
     * batch at a time and reads the next meanwhile, as this loader prepares its next request.
     */
    private static final int IN_FLIGHT = 1;
    /** Only what the direct path reads of a bulk answer, as the indexer asks for. */
    private static final String BULK = "/_bulk?filter_path=errors,items.*.status,items.*.error";
    private static final Duration STALL = Duration.ofMinutes(3);
    /** How often the benchmark searches an index that is being filled. */
    private static final Duration POLL = Duration.ofMillis(250);
    /** Events per warm-up round through the indexer: some seconds of work at full speed. */
    private static final long WARMUP_ROUND = 50_000;
    /** The share of the machine's CPU that the JIT compilers may use in a warm-up round for the warm-up to end. */
    private static final double QUIET_COMPILERS = 0.05;
    private static final String PIPELINE = "pipeline: simulator -> Kafka -> indexer-service -> OpenSearch";
    private static final String DIRECT = "direct: the same documents bulk-loaded into a fresh index";

    @Option(names = "--events", defaultValue = "1000000", description = "Case events to push (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--latency-rate", defaultValue = "1000", description = "Records per second during the latency phase (default ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Length of the latency phase (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Option(names = "--warmup", defaultValue = "120",
            description = "Seconds of warm-up at least before anything is measured: half straight bulk loads, half through the indexer"
                    + " (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-max", defaultValue = "600",
            description = "Seconds of warm-up at most: past the minimum, events go through the indexer until the JIT compilers are"
                    + " quiet (default ${DEFAULT-VALUE}).")
    int warmupMax;

    @Mixin
    BenchStack bench;

    @Override
    public Integer call() throws Exception {
        Path project = bench.project();
        Stack stack = bench.fresh();
        try {
            // The indexer runs from the start and is warm when measured, as in production.
            StackEnv env = stack.up(EnumSet.of(Service.INDEXER));
            String kafka = env.get(StackEnv.KAFKA_BOOTSTRAP);
            String openSearch = env.get(StackEnv.OPENSEARCH_URL);
            Path logs = stack.layout().logs();

            System.out.printf("0/5 warming up for %d-%d s: bulk loads straight into a scratch index, then events through the indexer"
                    + " until the JIT compilers are quiet ...%n", warmup, Math.max(warmup, warmupMax));
            long warmDirect = warmUpDirect(openSearch, Duration.ofSeconds(warmup / 2));
            Warmed warmPipeline = warmUpPipeline(kafka, openSearch, stack, Duration.ofSeconds(warmup - warmup / 2),
                    Duration.ofSeconds(Math.max(warmup, warmupMax) - warmup / 2), logs);
            // The direct path's warm-up is one continuous load about as long as a measured phase; the pipeline's ends with one too.
            double continuous = warmUpPipelineContinuously(kafka, openSearch, logs);
            System.out.printf("    %,d documents into a scratch index (deleted), %,d events through the indexer in %.0f s;"
                    + " JIT compilers %.1f%% of the machine in the last round%n", warmDirect,
                    warmPipeline.events(), warmPipeline.seconds(), 100 * warmPipeline.compilerShare());
            System.out.printf("    then %,d events through the indexer without a pause, in %.1f s%n", events, continuous);

            // Pipeline, direct, direct, pipeline: drift during the run favours neither path.
            List<Phase> phases = new ArrayList<>();
            phases.add(measurePipeline(1, stack, kafka, openSearch, logs));
            phases.add(measureDirect(2, stack, openSearch, phases.get(0).sentinels()));
            phases.add(measureDirect(3, stack, openSearch, phases.get(0).sentinels()));
            phases.add(measurePipeline(4, stack, kafka, openSearch, logs));
            Total pipeline = Total.of(phases, true);
            Total direct = Total.of(phases, false);

            System.out.printf("5/5 publish to searchable at %,.0f events/s for %d s ...%n", latencyRate, latencySeconds);
            Histogram latency = latency(kafka, openSearch);
            System.out.printf("    %d samples: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", latency.getTotalCount(),
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), latency.getValueAtPercentile(99),
                    latency.getMaxValue());

            String section = report(warmDirect, warmPipeline, continuous, phases, pipeline, direct, latency)
                    + cpuTable(pipeline, direct);
            System.out.println();
            System.out.println(section);
            BenchReport.write(project, "indexer", section);
            System.out.println("Written to docs/benchmarks.md.");
            return 0;
        } finally {
            bench.done(stack);
        }
    }

    /** The first {@code limit} case events (registrations and deletions) of a simulated municipality pair. */
    static void caseEvents(long seed, long limit, Consumer<SimRecord> consumer) {
        int citizens = (int) Math.max(100, limit / 6);
        Scenario scenario = new Scenario(seed, Municipality.DEMO, citizens, 1, 40, 200, Scenario.DEFAULT_ANCHOR, 0, 0, 0.005, 0);
        Simulation simulation = new Simulation(scenario);
        long emitted = 0;
        for (long citizen = 0; citizen < (long) citizens * Municipality.DEMO.size(); citizen++) {
            for (SimRecord record : simulation.citizen(citizen)) {
                if (record instanceof SimRecord.CaseVersion || record instanceof SimRecord.CaseDeletion) {
                    consumer.accept(record);
                    if (++emitted == limit) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("The scenario gave only " + emitted + " case events");
    }

    /** One new case per partition of the cases topic, sent last: when all are searchable, everything before is indexed. */
    private static List<CaseRecord> sentinels(String kafka) {
        int partitions;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            partitions = producer.partitionsFor(Topics.CASES).size();
        }
        List<CaseRecord> sentinels = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            while (true) {
                CaseRecord c = sentinel();
                int partition = org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(c.key().getBytes(StandardCharsets.UTF_8))) % partitions;
                if (partition == p) {
                    sentinels.add(c);
                    break;
                }
            }
        }
        return sentinels;
    }

    private static CaseRecord sentinel() {
        Instant now = Instant.now();
        return new CaseRecord(UUID.randomUUID(), Municipality.A.cvr(), "esdh", "BENCH", "Sentinel", null, null,
                new Kle("00.00.00", "G01"), Progress.OPSTAAET, null, Sensitivity.IKKE_FORTROLIGE_DATA,
                List.of(new Party(PartyRole.PRIMARY, PartyRef.cvr(Municipality.A.cvr()))), UUID.randomUUID(), null, now, null, now, null);
    }

    /** Phase {@code round}: N events through Kafka and the indexer into its case index, created anew first. */
    private Phase measurePipeline(int round, Stack stack, String kafka, String openSearch, Path logs) throws Exception {
        System.out.printf("%d/5 pushing %,d case events through Kafka and the indexer into OpenSearch ...%n", round, events);
        freshCaseIndex(openSearch);
        ProcessCpu before = ProcessCpu.of(stack);
        long start = System.nanoTime();
        List<CaseRecord> sentinels = publishWithSentinels(kafka, sink -> caseEvents(seed, events, sink::accept));
        double publishSeconds = BenchStack.seconds(start);
        awaitVisible(openSearch, CaseIndex.READ_ALIAS, sentinels, Duration.ofMinutes(60), logs);
        double seconds = BenchStack.seconds(start);
        ProcessCpu cpu = ProcessCpu.of(stack).since(before);
        long docs = count(openSearch, CaseIndex.READ_ALIAS) - sentinels.size();
        System.out.printf("    all on Kafka after %.1f s; searchable after %.1f s, %,.0f events/s (%,d distinct cases); CPU s %s;"
                + " JIT compilers %s%n", publishSeconds, seconds, events / seconds, docs, cpu.byProcess(), cpu.compilers());
        return new Phase(round, true, seconds, publishSeconds, docs, cpu, sentinels);
    }

    /** Phase {@code round}: the same N documents bulk-loaded into a fresh index, deleted again afterwards. */
    private Phase measureDirect(int round, Stack stack, String openSearch, List<CaseRecord> sentinels) throws Exception {
        System.out.printf("%d/5 bulk-loading the same documents straight into a fresh index ...%n", round);
        String index = "bench-direct-" + round;
        ProcessCpu before = ProcessCpu.of(stack);
        double seconds = directBulk(openSearch, index, sentinels);
        ProcessCpu cpu = ProcessCpu.of(stack).since(before);
        long docs = count(openSearch, index);
        // Gone before the next phase, so that each phase finds the same indices beside its own.
        OpenSearchHttp.send("DELETE", openSearch + "/" + index, null, null);
        System.out.printf("    %.1f s, %,.0f documents/s (%,d distinct cases); CPU s %s; JIT compilers %s%n", seconds,
                events / seconds, docs, cpu.byProcess(), cpu.compilers());
        return new Phase(round, false, seconds, 0, docs, cpu, sentinels);
    }

    /**
     * A fresh JVM compiles its hot code while it works: for the first minute or so the JIT compiler
     * of OpenSearch (and of the indexer) takes much of a core. Without a warm-up that cost falls on
     * whichever path runs first. Both paths get it: straight bulk loads into a scratch index here,
     * then events through the running indexer ({@link #warmUpPipeline}).
     */
    private long warmUpDirect(String openSearch, Duration length) throws Exception {
        String index = "bench-warmup";
        createIndex(openSearch, index);
        long deadline = System.nanoTime() + length.toNanos();
        long[] loaded = {0};
        try (DirectLoad load = new DirectLoad(openSearch, index)) {
            caseEvents(seed + 2, Math.max(3_000_000L, length.toSeconds() * 50_000L), record -> {
                if (System.nanoTime() > deadline) {
                    throw new Done();
                }
                load.accept(record);
                loaded[0]++;
            });
        } catch (Done done) {
            // warm enough
        }
        OpenSearchHttp.send("DELETE", openSearch + "/" + index, null, null);
        return loaded[0];
    }

    /**
     * Rounds of events through the indexer at full speed, each until it is searchable, so that the
     * indexer and OpenSearch compile what the pipeline runs, at the rate it is measured at. Past
     * {@code minimum}, rounds go on until the JVMs' JIT compilers use less than
     * {@link #QUIET_COMPILERS} of the machine in a round, or until {@code maximum}: after a fixed
     * two minutes, OpenSearch's compilers still used three times as much CPU during the first
     * measured phase as during the last, a cost that fell on the pipeline.
     */
    private Warmed warmUpPipeline(String kafka, String openSearch, Stack stack, Duration minimum, Duration maximum, Path logs)
            throws Exception {
        long start = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        long sent = 0;
        for (long round = 0; ; round++) {
            long roundSeed = seed + 3 + round;
            ProcessCpu before = ProcessCpu.of(stack);
            long roundStart = System.nanoTime();
            List<CaseRecord> sentinels = publishWithSentinels(kafka, sink -> caseEvents(roundSeed, WARMUP_ROUND, sink::accept));
            awaitVisible(openSearch, CaseIndex.READ_ALIAS, sentinels, Duration.ofMinutes(10), logs);
            double share = ProcessCpu.of(stack).since(before).compilerSeconds() / (cores * BenchStack.seconds(roundStart));
            sent += WARMUP_ROUND;
            long elapsed = System.nanoTime() - start;
            if (elapsed >= maximum.toNanos() || elapsed >= minimum.toNanos() && share < QUIET_COMPILERS) {
                return new Warmed(sent, BenchStack.seconds(start), share);
            }
        }
    }

    /**
     * The last step of the warm-up: N events (other citizens than the measured ones) through the
     * indexer into a fresh case index, without a pause, as a measured phase sends them. The rounds
     * before pause after every 50,000 events; the direct path's warm-up is one continuous load, and
     * with this step both paths warm up alike. Before it, the first measured phase, a pipeline phase,
     * was the run's slowest (7 to 14% slower than the last in three runs, while the two direct phases
     * agreed within 5%); with it, still 4 to 8% slower in four runs of six: the machine's drift is
     * the larger effect. Gives its seconds.
     */
    private double warmUpPipelineContinuously(String kafka, String openSearch, Path logs) throws Exception {
        freshCaseIndex(openSearch);
        long start = System.nanoTime();
        List<CaseRecord> sentinels = publishWithSentinels(kafka, sink -> caseEvents(seed + 1, events, sink::accept));
        awaitVisible(openSearch, CaseIndex.READ_ALIAS, sentinels, Duration.ofMinutes(60), logs);
        return BenchStack.seconds(start);
    }

    /** What the warm-up through the indexer did. */
    private record Warmed(long events, double seconds, double compilerShare) {
    }

    /**
     * Drops the case index the warm-up or the phase before filled and creates it again as the
     * indexer does at its first start (from the installed template, with both aliases), so the
     * pipeline, like the direct path, writes into a fresh index. The running indexer has nothing to write meanwhile.
     */
    private static void freshCaseIndex(String openSearch) {
        String index = CaseIndex.DEFINITION.version(1);
        OpenSearchHttp.send("DELETE", openSearch + "/" + index, null, null);
        OpenSearchHttp.send("PUT", openSearch + "/" + index, CaseIndex.DEFINITION.firstVersionBody().getBytes(StandardCharsets.UTF_8),
                "application/json");
        OpenSearchHttp.awaitAllocated(openSearch, index);
    }

    /** Publishes what {@code events} gives the sink, then one sentinel per partition; returns the sentinels. */
    private static List<CaseRecord> publishWithSentinels(String kafka, Consumer<KafkaSink> events) {
        try (KafkaSink sink = new KafkaSink(kafka)) {
            events.accept(sink);
            List<CaseRecord> sentinels = sentinels(kafka);
            sentinels.forEach(s -> sink.accept(new SimRecord.CaseVersion(s)));
            return sentinels;
        }
    }

    private double directBulk(String openSearch, String index, List<CaseRecord> sentinels) throws Exception {
        createIndex(openSearch, index);
        // Searched while it fills, as the pipeline's index is by awaitVisible: OpenSearch stops refreshing
        // an index that nobody searched for 30 s, which would spare the direct path work the pipeline does.
        Thread searches = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    sentinelsVisible(openSearch, index, sentinels);
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // busy: search again next round
                }
            }
        }, "direct-searches");
        searches.setDaemon(true);
        long start = System.nanoTime();
        searches.start();
        try (DirectLoad load = new DirectLoad(openSearch, index)) {
            caseEvents(seed, events, load);
        } finally {
            searches.interrupt();
        }
        OpenSearchHttp.send("POST", openSearch + "/" + index + "/_refresh", null, null);
        return BenchStack.seconds(start);
    }

    private static void createIndex(String openSearch, String index) throws IOException {
        JsonNode template = Json.mapper().readTree(OpenSearchHttp.resource(CaseIndex.DEFINITION.templateResource())).path("template");
        OpenSearchHttp.send("PUT", openSearch + "/" + index, Json.toBytes(template), "application/json");
        OpenSearchHttp.awaitAllocated(openSearch, index);
    }

    /** Bulk-loads case events into one index, {@link #IN_FLIGHT} requests at a time; close waits for the last. */
    private static final class DirectLoad implements Consumer<SimRecord>, AutoCloseable {
        private final String openSearch;
        private final String index;
        private final ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private List<IndexedCase> batch = new ArrayList<>(BATCH);

        DirectLoad(String openSearch, String index) {
            this.openSearch = openSearch;
            this.index = index;
        }

        @Override
        public void accept(SimRecord record) {
            batch.add(record instanceof SimRecord.CaseVersion c ? IndexedCase.of(c.record())
                    : IndexedCase.tombstone(((SimRecord.CaseDeletion) record).deletion()));
            if (batch.size() == BATCH) {
                send();
            }
        }

        private void send() {
            if (failure.get() != null) {
                throw failure.get();
            }
            byte[] body = bulkBody(index, batch);
            batch = new ArrayList<>(BATCH);
            inFlight.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    OpenSearchHttp.send("POST", openSearch + BULK, body, "application/x-ndjson");
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            if (!batch.isEmpty()) {
                send();
            }
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.MINUTES);
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }

    private static byte[] bulkBody(String index, List<IndexedCase> docs) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(docs.size() * 1200)) {
            for (IndexedCase doc : docs) {
                out.write(BulkActions.versionedIndex(index, IndexedCase.documentId(doc.tenant(), doc.id()),
                        RegistrationVersion.of(doc.registeredAt())));
                out.write('\n');
                out.write(Json.toBytes(doc));
                out.write('\n');
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Histogram latency(String kafka, String openSearch) throws Exception {
        Histogram histogram = new Histogram(60_000, 3);
        Map<String, long[]> pending = new ConcurrentHashMap<>(); // doc id -> {version, sentNanos}
        Thread poller = new Thread(() -> pollVisible(openSearch, pending, histogram), "latency-poller");
        poller.setDaemon(true);
        poller.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(latencySeconds).toNanos();
        RateLimiter rate = new RateLimiter(latencyRate);
        long[] n = {0};
        try (KafkaSink sink = new KafkaSink(kafka)) {
            try {
                caseEvents(seed + 1, (long) (latencyRate * latencySeconds) + 1_000, record -> {
                    if (System.nanoTime() > deadline) {
                        throw new Done();
                    }
                    rate.acquire();
                    if (n[0]++ % 20 == 0 && record instanceof SimRecord.CaseVersion c) {
                        pending.put(IndexedCase.documentId(c.record().tenant(), c.record().id()),
                                new long[]{c.record().version(), System.nanoTime()});
                    }
                    sink.accept(record);
                });
            } catch (Done done) {
                // the phase is over
            }
        }
        long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < wait) {
            Thread.sleep(100);
        }
        poller.interrupt();
        if (!pending.isEmpty()) {
            System.out.printf("    %d samples never became searchable within 30 s of the end%n", pending.size());
        }
        return histogram;
    }

    /** Looks every 50 ms for the pending samples; a sample counts when the indexed version is at least the one sent. */
    private static void pollVisible(String openSearch, Map<String, long[]> pending, Histogram histogram) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(50);
                if (pending.isEmpty()) {
                    continue;
                }
                List<String> ids = new ArrayList<>(pending.keySet());
                for (int from = 0; from < ids.size(); from += 1000) {
                    ObjectNode query = idsQuery(ids.subList(from, Math.min(ids.size(), from + 1000)));
                    query.put("size", 1000).put("version", true).put("_source", false);
                    JsonNode hits = Json.mapper().readTree(OpenSearchHttp.send("POST", openSearch + "/" + CaseIndex.READ_ALIAS + "/_search",
                            Json.toBytes(query), "application/json")).path("hits").path("hits");
                    long now = System.nanoTime();
                    for (JsonNode hit : hits) {
                        long[] sample = pending.get(hit.path("_id").asText());
                        if (sample != null && hit.path("_version").asLong() >= sample[0]) {
                            pending.remove(hit.path("_id").asText());
                            histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), (now - sample[1]) / 1_000_000));
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // OpenSearch busy: look again next round
            }
        }
    }

    /**
     * Waits until every sentinel is searchable. Gives up early when the index stops growing for
     * {@code STALL}: a broken indexer should fail the run in minutes, not at the timeout.
     */
    private static void awaitVisible(String openSearch, String index, List<CaseRecord> cases, Duration timeout, Path logs)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                long current = sentinelsVisible(openSearch, index, cases);
                if (current < 0) {
                    return;
                }
                if (current != lastCount) {
                    lastCount = current;
                    lastProgress = System.nanoTime();
                }
            } catch (IllegalStateException e) {
                // the index may not exist yet
            }
            if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("The indexer made no progress for " + STALL + " (" + lastCount
                        + " cases searchable); see its log in " + logs);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("The indexer did not finish within " + timeout);
    }

    /** A search for documents by id. */
    private static ObjectNode idsQuery(List<String> ids) {
        ObjectNode query = Json.mapper().createObjectNode();
        ids.forEach(query.putObject("query").putObject("ids").putArray("values")::add);
        return query;
    }

    /** -1 when every sentinel is searchable, otherwise how many documents are (two searches, both paths alike). */
    private static long sentinelsVisible(String openSearch, String index, List<CaseRecord> sentinels) throws IOException {
        ObjectNode query = idsQuery(sentinels.stream().map(c -> IndexedCase.documentId(c.tenant(), c.id())).toList());
        JsonNode response = Json.mapper().readTree(OpenSearchHttp.send("POST", openSearch + "/" + index + "/_search", Json.toBytes(query),
                "application/json"));
        if (response.path("hits").path("hits").size() == sentinels.size()) {
            return -1;
        }
        return Json.mapper().readTree(OpenSearchHttp.send("GET", openSearch + "/" + index + "/_count", null, null)).path("count").asLong();
    }

    private static long count(String openSearch, String index) throws IOException {
        OpenSearchHttp.send("POST", openSearch + "/" + index + "/_refresh", null, null);
        return Json.mapper().readTree(OpenSearchHttp.send("GET", openSearch + "/" + index + "/_count", null, null)).path("count").asLong();
    }

    private String report(long warmDirect, Warmed warmPipeline, double continuous, List<Phase> phases, Total pipeline, Total direct,
                          Histogram latency) {
        long p99 = latency.getValueAtPercentile(99);
        double ratio = direct.seconds() / pipeline.seconds();
        StringBuilder rows = new StringBuilder();
        for (Phase phase : phases) {
            rows.append("| %d. %s | %,d | %.1f | %,.0f |%n".formatted(phase.round(), phase.pipeline() ? PIPELINE : DIRECT, events,
                    phase.seconds(), events / phase.seconds()));
        }
        return """
                ## Indexer: Kafka to OpenSearch

                Measured %s on %s with `./overblik bench indexer --events %d --warmup %d --warmup-max %d` (simulator seed %d).

                | phase | events | seconds | events/s |
                |---|---:|---:|---:|
                %s| **pipeline, both phases** | %,d | %.1f | **%,.0f** |
                | **direct, both phases** | %,d | %.1f | **%,.0f** |
                | **ratio pipeline / direct** | | | **%.2f** (target >= 0.8: %s) |

                Each path runs twice, in the order pipeline, direct, direct, pipeline, so that a machine that speeds up or
                slows down during the run (the JIT compilers settling, other tenants of the host) favours neither path; the
                ratio is that of the two paths' rates over both their phases. Distinct cases written in each phase
                (versions and deletions of the same case overwrite each other): %s.
                Both paths are timed from their first record: the pipeline until a sentinel behind the last event of every
                partition is searchable (all events were on Kafka after %s s; the running indexer consumed while they
                arrived), the direct path until its last bulk request is answered and the index refreshed. In both, the
                benchmark generates the records as it goes. Both use bulk requests of %d operations, %d in flight, external
                versioning, the same index template (1 shard, refresh 1 s), and write into a fresh index.
                Warm-up first (not measured): %,d documents bulk-loaded into a scratch index for %d s (deleted again), then %,d
                events through the indexer in %.0f s, in rounds of %,d until the JIT compilers of all processes used less than
                %.0f%% of the machine in a round (%.1f%% in the last; at most %d s in all), then %,d events of other citizens
                through the indexer without a pause, as a measured phase sends them (%.0f s), and its case index dropped and
                created anew.

                Publish to searchable, at %,.0f events/s for %d s, %,d samples (every 20th registration, searched every 50 ms):
                p50 %,d ms, p95 %,d ms, **p99 %,d ms** (target <= 2,000 ms: %s), max %,d ms.
                """.formatted(LocalDate.now(), Machine.describe(), events, warmup, warmupMax, seed, rows, 2 * events, pipeline.seconds(),
                2 * events / pipeline.seconds(), 2 * events, direct.seconds(), 2 * events / direct.seconds(), ratio,
                ratio >= 0.8 ? "met" : "NOT met",
                phases.stream().map(p -> "%,d".formatted(p.docs())).collect(Collectors.joining(" / ")),
                phases.stream().filter(Phase::pipeline).map(p -> "%.1f".formatted(p.publishSeconds()))
                        .collect(Collectors.joining(" and ")),
                BATCH, IN_FLIGHT, warmDirect, warmup / 2, warmPipeline.events(), warmPipeline.seconds(), WARMUP_ROUND,
                100 * QUIET_COMPILERS, 100 * warmPipeline.compilerShare(), Math.max(warmup, warmupMax), events, continuous, latencyRate, latencySeconds,
                latency.getTotalCount(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), p99, p99 <= 2000 ? "met" : "NOT met",
                latency.getMaxValue());
    }

    /** Where each path's CPU went, per process and per 1,000 events: on few cores the paths compete for the same ones. */
    private String cpuTable(Total pipeline, Total direct) {
        StringBuilder table = new StringBuilder("""

                CPU used by each process while each path ran, over both its phases (from /proc; the benchmark process
                generates and serializes the direct path's documents, so it is that path's client):

                | process | pipeline: CPU s | ms per 1,000 events | direct: CPU s | ms per 1,000 events |
                |---|---:|---:|---:|---:|
                """);
        for (String name : ProcessCpu.processes(pipeline.cpu(), direct.cpu())) {
            table.append(cpuRow(name, pipeline.cpu().seconds(name), direct.cpu().seconds(name)));
        }
        table.append(cpuRow("**all**", pipeline.cpu().totalSeconds(), direct.cpu().totalSeconds()));
        table.append(cpuRow("of which the JIT compiler threads of the JVMs", pipeline.cpu().compilerSeconds(),
                direct.cpu().compilerSeconds()));
        int cores = Runtime.getRuntime().availableProcessors();
        table.append(cpuRow("the machine could give (%d cores x wall time)".formatted(cores), cores * pipeline.seconds(),
                cores * direct.seconds()));
        table.append(cpuRow("taken from the machine by its host (steal time)", pipeline.cpu().stolenSeconds(),
                direct.cpu().stolenSeconds()));
        return table.toString();
    }

    private String cpuRow(String name, double pipelineSeconds, double directSeconds) {
        long measured = 2 * events;
        return "| %s | %.1f | %.0f | %.1f | %.0f |%n".formatted(name, pipelineSeconds, pipelineSeconds * 1_000_000 / measured,
                directSeconds, directSeconds * 1_000_000 / measured);
    }

    /** One measured phase: {@code events} events in {@code seconds}; the pipeline's also how long publishing took. */
    private record Phase(int round, boolean pipeline, double seconds, double publishSeconds, long docs, ProcessCpu cpu,
                         List<CaseRecord> sentinels) {
    }

    /** A path's phases together. */
    private record Total(double seconds, ProcessCpu cpu) {
        static Total of(List<Phase> phases, boolean pipeline) {
            return phases.stream().filter(p -> p.pipeline() == pipeline).map(p -> new Total(p.seconds(), p.cpu()))
                    .reduce((a, b) -> new Total(a.seconds() + b.seconds(), a.cpu().plus(b.cpu()))).orElseThrow();
        }
    }

    /** Ends a generator at its deadline (warm-up, latency phase). */
    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }
}
