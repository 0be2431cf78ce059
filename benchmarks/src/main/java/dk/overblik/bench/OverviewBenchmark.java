package dk.overblik.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.index.AccessQueries;
import dk.overblik.contracts.index.BulkActions;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexDefinition;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.index.PartyOverviewQuery;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.Stack;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.service.ServiceComponent.Service;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Party overview latency under 50 concurrent users over an index of at least a million simulator
 * cases and documents; in the same run the same query sent straight to OpenSearch, and the same
 * lookup against the same cases in PostgreSQL with indexes made for it. Each path runs twice:
 * saturated (every user starts the next lookup as soon as the last answered: the most the machine
 * serves, and latencies that are mostly queueing) and paced (every user pauses between lookups,
 * as people do: latency when the machine is not the bottleneck).
 */
@Command(name = "overview", mixinStandardHelpOptions = true,
        description = "Party overview p50/p99 with concurrent users, against raw OpenSearch and PostgreSQL on the same data.")
final class OverviewBenchmark implements Callable<Integer> {
    private static final HttpClient HTTP = BenchStack.HTTP;
    private static final int BATCH = 1000;
    private static final String USER = "caseworker-a";
    /** The demo caseworker's scope (benefits, employment, housing), as the demo organisation gives it. */
    private static final EffectiveAccess ACCESS = new EffectiveAccess("55133018", USER, List.of("15", "27", "32"), List.of(), 3, false);

    @Option(names = "--records", defaultValue = "1000000", description = "Cases and documents to index at least (default ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--users", defaultValue = "50", description = "Concurrent users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--seconds", defaultValue = "30", description = "Length of each measured phase (default ${DEFAULT-VALUE}).")
    int seconds;

    // In a run with 40 s of warm-up, the service's C2 compiler had used nearly half of its CPU after some 100 s of load.
    // The figures are for a service that has been running a while, as it is in production.
    @Option(names = "--warmup", defaultValue = "180",
            description = "Unmeasured load before each path's phases, until the JIT has settled (default ${DEFAULT-VALUE} s).")
    int warmup;

    @Option(names = "--think-ms", defaultValue = "1000",
            description = "Mean pause of a user between lookups in the paced phase, exponentially distributed (default ${DEFAULT-VALUE}).")
    long thinkMillis;

    @Option(names = "--seed", defaultValue = "5")
    long seed;

    @Mixin
    BenchStack bench;

    @Override
    public Integer call() throws Exception {
        Path project = bench.project();
        Stack stack = bench.fresh();
        try {
            StackEnv env = stack.up(EnumSet.of(Service.OVERVIEW));
            String openSearch = env.get(StackEnv.OPENSEARCH_URL);
            
            publishAccess(env.get(StackEnv.KAFKA_BOOTSTRAP));

            System.out.printf("1/4 loading at least %,d cases and documents into OpenSearch and PostgreSQL ...%n", records);
            long start = System.nanoTime();
            Loaded loaded = load(openSearch, env);
            System.out.printf("    %,d cases, %,d documents, %,d persons of A in %.0f s%n", loaded.cases, loaded.documents,
                    loaded.persons.size(), (System.nanoTime() - start) / 1e9);

            String token = new Tokens(env.get(StackEnv.OIDC_ISSUER)).forUser(USER);
            String overviewUrl = env.get(StackEnv.OVERVIEW_URL) + "/api/v1/party-overview";
            Lookup serviceLookup = person -> {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(overviewUrl)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"party\": \"" + person + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                check(r.statusCode() == 200, "overview answered " + r.statusCode());
            };
            ObjectNode visible = AccessQueries.casesVisibleTo(ACCESS);
            Lookup rawLookup = person -> {
                JsonNode cases = Json.mapper().readTree(OpenSearchHttp.send("POST", openSearch + PartyOverviewQuery.CASES_ENDPOINT,
                        Json.toBytes(PartyOverviewQuery.cases(ACCESS.tenant(), visible, person)),
                        "application/json"));
                // Read as the service reads it, so that both paths send the same document count.
                Map<String, List<String>> ids = AccessQueries.idsBySourceSystem(PartyOverviewQuery.visibleCases(cases));
                if (!ids.isEmpty()) {
                    OpenSearchHttp.send("POST", openSearch + PartyOverviewQuery.DOCUMENT_COUNTS_ENDPOINT,
                            Json.toBytes(PartyOverviewQuery.documentCounts(AccessQueries.documentsOfVisibleCases(ACCESS, ids), ids)), "application/json");
                }
            };
            System.out.printf("2/4 warm-up: overview-service, then the same queries straight to OpenSearch, %d users for %d s each ...%n",
                    users, warmup);
            warmUp(loaded.persons, serviceLookup);
            warmUp(loaded.persons, rawLookup);
            // Measured in the order service, raw, raw, service, so that a machine that speeds up or slows down during
            // the run (JIT compilers settling, other tenants of the host) favours neither path.
            System.out.printf("3/4 overview-service (S) and straight to OpenSearch (R) in the order S R R S, each %d users for %d s "
                    + "saturated, then %d s paced ...%n", users, seconds, seconds);
            Phases service = measure(stack, loaded.persons, serviceLookup, "S");
            Phases raw = measure(stack, loaded.persons, rawLookup, "R").plus(measure(stack, loaded.persons, rawLookup, "R"));
            service = service.plus(measure(stack, loaded.persons, serviceLookup, "S"));
            System.out.println("    service, both rounds: " + service);
            System.out.println("    raw, both rounds:     " + raw);

            System.out.printf("4/4 the same lookup in PostgreSQL, %d users for %d s saturated, then %d s paced ...%n", users, seconds,
                    seconds);
            Phases postgres = runPostgres(stack, env, loaded.persons);
            System.out.println("    " + postgres);

            String section = report(loaded, service, raw, postgres);
            System.out.println();
            System.out.println(section);
            BenchReport.write(project, "overview", section);
            System.out.println("Written to docs/benchmarks.md.");
            return 0;
        } finally {
            bench.done(stack);
        }
    }

    private record Loaded(long cases, long documents, List<String> persons) {
    }

    /** Latencies of one phase. */
    private record Result(Histogram latency, long requests, long failures, double seconds) {
        /** This phase and {@code other} as one: their latencies together, their rate over both their times. */
        Result plus(Result other) {
            Histogram both = latency.copy();
            both.add(other.latency);
            return new Result(both, requests + other.requests, failures + other.failures, seconds + other.seconds);
        }

        double rate() {
            return requests / seconds;
        }

        long p(double percentile) {
            return latency.getValueAtPercentile(percentile);
        }

        @Override
        public String toString() {
            return "%,d lookups (%,.0f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed".formatted(requests, rate(),
                    p(50) / 1000.0, p(99) / 1000.0, latency.getMaxValue() / 1000.0, failures);
        }
    }

    /** One path's two measured phases. */
    private record Phases(Result saturated, Result paced, ProcessCpu saturatedCpu, ProcessCpu pacedCpu) {
        /** Two rounds of the same path as one. */
        Phases plus(Phases other) {
            return new Phases(saturated.plus(other.saturated), paced.plus(other.paced), saturatedCpu.plus(other.saturatedCpu),
                    pacedCpu.plus(other.pacedCpu));
        }

        @Override
        public String toString() {
            return "saturated: " + saturated + "\n    paced:     " + paced + "\n    CPU s while saturated: " + saturatedCpu.byProcess()
                    + "\n    host steal: " + stealText();
        }

        /** The part of the machine's CPU its host took during each phase. */
        String stealText() {
            return "%.1f%% saturated, %.1f%% paced".formatted(stolenShare(saturatedCpu, saturated), stolenShare(pacedCpu, paced));
        }

        private static double stolenShare(ProcessCpu cpu, Result phase) {
            return 100 * cpu.stolenSeconds() / (Runtime.getRuntime().availableProcessors() * phase.seconds());
        }

        /** The CPU seconds {@code pick} takes from the saturated phase, as milliseconds per lookup. */
        double perLookup(ToDoubleFunction<ProcessCpu> pick) {
            return pick.applyAsDouble(saturatedCpu) * 1000 / saturated.requests();
        }
    }

    private interface Lookup {
        void run(String person) throws Exception;
    }

    private Phases run(Stack stack, List<String> persons, Lookup lookup) throws InterruptedException {
        warmUp(persons, lookup);
        return measure(stack, persons, lookup, null);
    }

    /** Warms up JIT (which on two cores takes a good part of the first minute), caches and connections; not measured. */
    private void warmUp(List<String> persons, Lookup lookup) throws InterruptedException {
        runFor(persons, lookup, Duration.ofSeconds(warmup), 0, new ConcurrentHistogram(60_000_000L, 3));
    }

    /** One round of a path's two measured phases, saturated then paced; printed under {@code label} when there is one. */
    private Phases measure(Stack stack, List<String> persons, Lookup lookup, String label) throws InterruptedException {
        ProcessCpu before = ProcessCpu.of(stack);
        Result saturated = runFor(persons, lookup, Duration.ofSeconds(seconds), 0, new ConcurrentHistogram(60_000_000L, 3));
        ProcessCpu saturatedCpu = ProcessCpu.of(stack).since(before);
        ProcessCpu beforePaced = ProcessCpu.of(stack);
        Result paced = runFor(persons, lookup, Duration.ofSeconds(seconds), thinkMillis, new ConcurrentHistogram(60_000_000L, 3));
        Phases phases = new Phases(saturated, paced, saturatedCpu, ProcessCpu.of(stack).since(beforePaced));
        if (label != null) {
            System.out.println("    " + label + " saturated: " + saturated + "\n      paced:     " + paced + "\n      host steal: "
                    + phases.stealText());
        }
        return phases;
    }

    /** Pause of a user between lookups: exponential with the given mean (users that pause independently, like people). */
    private static void think(long meanMillis) throws InterruptedException {
        if (meanMillis > 0) {
            Thread.sleep((long) (-meanMillis * Math.log(1 - ThreadLocalRandom.current().nextDouble())));
        }
    }

    private Result runFor(List<String> persons, Lookup lookup, Duration length, long thinkMillis, Histogram histogram)
            throws InterruptedException {
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long started = System.nanoTime();
        for (int u = 0; u < users; u++) {
            pool.submit(() -> {
                think(thinkMillis); // paced users start at independent times
                while (System.nanoTime() < end) {
                    String person = persons.get(ThreadLocalRandom.current().nextInt(persons.size()));
                    long t0 = System.nanoTime();
                    try {
                        lookup.run(person);
                        histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), (System.nanoTime() - t0) / 1000));
                        requests.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    think(thinkMillis);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
        return new Result(histogram, requests.get(), failures.get(), (System.nanoTime() - started) / 1e9);
    }

    private Phases runPostgres(Stack stack, StackEnv env, List<String> persons) throws Exception {
        // One connection per user, opened before the warm-up: connecting is not part of a lookup (an application
        // has a pool). Per-thread connections would be opened again by each phase's new threads, inside the timing.
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(users);
        for (int u = 0; u < users; u++) {
            connections.add(BenchStack.database(env, "overview"));
        }
        try {
            return run(stack, persons, person -> {
                Connection db = connections.take();
                try {
                    lookUpInPostgres(db, person);
                } finally {
                    connections.add(db);
                }
            });
        } finally {
            for (Connection db : connections) {
                db.close();
            }
        }
    }

    private static void lookUpInPostgres(Connection db, String person) throws SQLException {
        try (PreparedStatement visible = db.prepareStatement("""
                select c.doc, c.source_system, c.kle_main, c.progress, c.id from bench_case_party p join bench_case c on c.id = p.case_id
                where p.party = ? and c.tenant = ? and not c.deleted and c.kle_scope && ? and c.sensitivity_level <= ?
                order by c.last_activity_at desc limit 500""");
             PreparedStatement documents = db.prepareStatement("""
                select case_id, count(*) from bench_document_case
                where case_id = any(?) and sensitivity_level <= ? and not deleted group by case_id""");
             PreparedStatement count = db.prepareStatement("""
                select count(*) from bench_case_party p join bench_case c on c.id = p.case_id
                where p.party = ? and c.tenant = ? and not c.deleted""")) {
            Array scope = db.createArrayOf("text", ACCESS.kleScope().toArray());
            visible.setString(1, person);
            visible.setString(2, ACCESS.tenant());
            visible.setArray(3, scope);
            visible.setInt(4, ACCESS.clearance());
            Map<String, Long> facets = new HashMap<>();
            List<Object> ids = new ArrayList<>();
            try (ResultSet rows = visible.executeQuery()) {
                while (rows.next()) {
                    rows.getString(1);
                    ids.add(rows.getObject(5));
                    facets.merge("s:" + rows.getString(2), 1L, Long::sum);
                    facets.merge("k:" + rows.getString(3), 1L, Long::sum);
                    facets.merge("p:" + rows.getString(4), 1L, Long::sum);
                }
            }
            if (!ids.isEmpty()) {
                documents.setArray(1, db.createArrayOf("uuid", ids.toArray()));
                documents.setInt(2, ACCESS.clearance());
                try (ResultSet rows = documents.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(2);
                    }
                }
            }
            count.setString(1, person);
            count.setString(2, ACCESS.tenant());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
            }
        }
    }

    private void publishAccess(String bootstrap) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ACCESS, EffectiveAccess.key(ACCESS.tenant(), USER),
                    Json.toBytes(ACCESS));
            record.headers().add("ce_type", EventTypes.ACCESS.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private Loaded load(String openSearch, StackEnv env) throws Exception {
        createIndex(openSearch, CaseIndex.DEFINITION);
        createIndex(openSearch, DocumentIndex.DEFINITION);
        int citizens = (int) Math.max(100, records / 3); // generated only as far as needed
        Simulation simulation = new Simulation(new Scenario(seed, dk.overblik.simulator.Municipality.DEMO, citizens, 1, 40, 200,
                Scenario.DEFAULT_ANCHOR, 0, 0, 0.005, 0));
        List<String> persons = new ArrayList<>();
        List<IndexedCase> caseBatch = new ArrayList<>();
        List<IndexedDocument> documentBatch = new ArrayList<>();
        long cases = 0;
        long documents = 0;
        try (Connection db = BenchStack.database(env, "overview")) {
            try (Statement s = db.createStatement()) {
                s.execute("drop table if exists bench_case_party, bench_case, bench_document_case");
                s.execute("""
                        create table bench_case (id uuid primary key, tenant text not null, source_system text, kle_main text,
                        progress text, kle_scope text[] not null, sensitivity_level int, responsible_unit uuid,
                        last_activity_at timestamptz, deleted boolean not null, doc jsonb not null)""");
                s.execute("create table bench_case_party (party text not null, case_id uuid not null)");
                s.execute("""
                        create table bench_document_case (case_id uuid not null, document_id uuid not null,
                        sensitivity_level int not null, deleted boolean not null)""");
            }
            StringBuilder caseRows = new StringBuilder();
            StringBuilder partyRows = new StringBuilder();
            StringBuilder documentRows = new StringBuilder();
            for (long citizen = 0; cases + documents < records; citizen++) {
                if (citizen >= 2L * citizens) {
                    throw new IllegalStateException("The scenario is too small for " + records + " records");
                }
                Map<UUID, CaseRecord> latest = new HashMap<>();
                List<DocumentRecord> docs = new ArrayList<>();
                for (SimRecord record : simulation.citizen(citizen)) {
                    if (record instanceof SimRecord.CaseVersion c) {
                        latest.merge(c.record().id(), c.record(), (a, b) -> a.registeredAt().isAfter(b.registeredAt()) ? a : b);
                    } else if (record instanceof SimRecord.DocumentVersion d) {
                        docs.add(d.record());
                    }
                }
                for (CaseRecord c : latest.values()) {
                    IndexedCase indexed = IndexedCase.of(c);
                    caseBatch.add(indexed);
                    cases++;
                    caseRows.append(c.id()).append('\t').append(c.tenant()).append('\t').append(c.sourceSystem()).append('\t')
                            .append(c.kle().subject(), 0, 2).append('\t').append(c.progress()).append('\t')
                            .append(pgArray(indexed.kleScope())).append('\t').append(c.sensitivity().level()).append('\t')
                            .append(c.responsibleUnit() == null ? "\\N" : c.responsibleUnit()).append('\t')
                            .append(indexed.lastActivityAt()).append('\t').append("f").append('\t')
                            .append(Json.toString(indexed).replace("\\", "\\\\")).append('\n');
                    indexed.partyRefs().forEach(p -> partyRows.append(p).append('\t').append(c.id()).append('\n'));
                }
                Map<UUID, DocumentRecord> latestDocs = new HashMap<>();
                docs.forEach(d -> latestDocs.merge(d.id(), d, (a, b) -> a.registeredAt().isAfter(b.registeredAt()) ? a : b));
                latestDocs.values().forEach(d -> d.caseIds().forEach(caseId -> documentRows.append(caseId).append('\t').append(d.id())
                        .append('\t').append(d.sensitivity().level()).append('\t').append("f").append('\n')));
                for (var d : docs) {
                    List<IndexedDocument.CaseAccess> access = d.caseIds().stream().map(id -> latest.containsKey(id)
                            ? IndexedDocument.CaseAccess.of(IndexedCase.of(latest.get(id))) : IndexedDocument.CaseAccess.unknown(id)).toList();
                    documentBatch.add(IndexedDocument.of(d, access));
                    documents++;
                }
                if (citizen < citizens && !latest.isEmpty()) {
                    persons.add(latest.values().iterator().next().parties().get(0).ref().urn());
                }
                if (caseBatch.size() >= BATCH) {
                    bulk(openSearch, CaseIndex.WRITE_ALIAS, caseBatch.stream().map(c -> new Object[]{IndexedCase.documentId(c.tenant(), c.id()), c}).toList());
                    caseBatch.clear();
                    copy(db, caseRows, partyRows, documentRows);
                }
                if (documentBatch.size() >= BATCH) {
                    bulk(openSearch, DocumentIndex.WRITE_ALIAS, documentBatch.stream()
                            .map(d -> new Object[]{IndexedDocument.documentId(d.tenant(), d.id()), d}).toList());
                    documentBatch.clear();
                }
            }
            bulk(openSearch, CaseIndex.WRITE_ALIAS, caseBatch.stream().map(c -> new Object[]{IndexedCase.documentId(c.tenant(), c.id()), c}).toList());
            bulk(openSearch, DocumentIndex.WRITE_ALIAS, documentBatch.stream()
                    .map(d -> new Object[]{IndexedDocument.documentId(d.tenant(), d.id()), d}).toList());
            copy(db, caseRows, partyRows, documentRows);
            try (Statement s = db.createStatement()) {
                s.execute("create index bench_case_party_party on bench_case_party (party, case_id)");
                s.execute("create index bench_case_tenant_activity on bench_case (tenant, last_activity_at desc)");
                s.execute("create index bench_document_case_case on bench_document_case (case_id, sensitivity_level)");
                // Vacuumed, not only analysed, as a table in service would be: freshly copied rows get their hint bits
                // on first read, so unvacuumed, the lookups themselves write pages back. Likely why a 10,000,000-record
                // run, unvacuumed, had a paced p99 of 573 ms against a p50 of 1.1 ms, with PostgreSQL's CPU mostly idle.
                for (String table : List.of("bench_case", "bench_case_party", "bench_document_case")) {
                    s.execute("vacuum (analyze) " + table);
                }
            }
        }
        OpenSearchHttp.send("POST", openSearch + "/" + CaseIndex.WRITE_ALIAS + "/_refresh", null, null);
        OpenSearchHttp.send("POST", openSearch + "/" + DocumentIndex.WRITE_ALIAS + "/_refresh", null, null);
        return new Loaded(cases, documents, persons);
    }

    private static String pgArray(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static void copy(Connection db, StringBuilder caseRows, StringBuilder partyRows, StringBuilder documentRows)
            throws Exception {
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("copy bench_case (id, tenant, source_system, kle_main, progress, kle_scope, sensitivity_level, responsible_unit, "
                + "last_activity_at, deleted, doc) from stdin", new StringReader(caseRows.toString()));
        copy.copyIn("copy bench_case_party (party, case_id) from stdin", new StringReader(partyRows.toString()));
        copy.copyIn("copy bench_document_case (case_id, document_id, sensitivity_level, deleted) from stdin",
                new StringReader(documentRows.toString()));
        caseRows.setLength(0);
        partyRows.setLength(0);
        documentRows.setLength(0);
    }

    /** The index as the indexer would create it (versioned index, read and write aliases), unless a service already did. */
    private static void createIndex(String openSearch, IndexDefinition definition) throws IOException, InterruptedException {
        int exists = HTTP.send(HttpRequest.newBuilder(URI.create(openSearch + "/" + definition.readAlias()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (exists == 200) {
            return;
        }
        JsonNode template = Json.mapper().readTree(OpenSearchHttp.resource(definition.templateResource())).path("template");
        // No template is installed here: the first version gets the template's settings and mappings with its aliases.
        ObjectNode body = ((ObjectNode) template).deepCopy();
        body.setAll((ObjectNode) Json.mapper().readTree(definition.firstVersionBody()));
        OpenSearchHttp.send("PUT", openSearch + "/" + definition.version(1), Json.toBytes(body), "application/json");
    }

    private static void bulk(String openSearch, String index, List<Object[]> docs) {
        if (docs.isEmpty()) {
            return;
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Object[] doc : docs) {
                out.write(BulkActions.index(index, doc[0].toString()));
                out.write('\n');
                out.write(Json.toBytes(doc[1]));
                out.write('\n');
            }
            OpenSearchHttp.send("POST", openSearch + "/_bulk", out.toByteArray(), "application/x-ndjson");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private String report(Loaded loaded, Phases service, Phases raw, Phases postgres) {
        return """
                ## Overview: party overview under load

                Measured %s on %s with `./overblik bench overview --records %d --users %d --seconds %d --warmup %d --think-ms %d`
                (simulator seed %d): %,d cases and %,d documents indexed (and the same cases in PostgreSQL); %d concurrent users
                looking up random citizens of A as caseworker-a (KLE 15, 27, 32, clearance 3). Each path gets %d s of unmeasured
                warm-up, then two measured phases of %d s each (the service and raw OpenSearch paths two rounds of them, in the
                order service, raw, raw, service, so that a machine that drifts during the run favours neither; their figures
                are over both rounds):
                - **saturated**: every user starts the next lookup as soon as the last one answered. This is the most the machine
                  serves; the latencies are mostly time spent queueing (p50 is about users / rate);
                - **paced**: every user pauses between lookups (exponential, mean %,d ms), as people at a desk do. These are the
                  latencies of a lookup when the machine is not the bottleneck.

                %s
                %s
                CPU the host took from this machine (steal time, share of its %d cores): service %s; raw OpenSearch %s;
                PostgreSQL %s.

                The raw path sends the requests the service sends, built by the same code (`PartyOverviewQuery`). The service
                also checks the token and writes an audit entry per lookup (chained; concurrent lookups share one transaction),
                and it adds unit and caseworker names. Everything runs on one 2-core machine, load generator included.
                """.formatted(LocalDate.now(), Machine.describe(), records, users, seconds, warmup, thinkMillis, seed, loaded.cases,
                loaded.documents, users, warmup, seconds, thinkMillis,
                phaseTable("Saturated", service.saturated(), raw.saturated(), postgres.saturated()),
                phaseTable("Paced", service.paced(), raw.paced(), postgres.paced()), Runtime.getRuntime().availableProcessors(),
                service.stealText(), raw.stealText(), postgres.stealText()) + cpuTable(service, raw, postgres);
    }

    /** Where each path's CPU went while it was saturated: every process shares the same two cores. */
    private static String cpuTable(Phases service, Phases raw, Phases postgres) {
        StringBuilder table = new StringBuilder("""

                CPU per lookup while saturated, by process (ms; from /proc; the benchmark process is the load generator):

                | process | service path | raw OpenSearch | PostgreSQL |
                |---|---:|---:|---:|
                """);
        for (String name : ProcessCpu.processes(service.saturatedCpu(), raw.saturatedCpu(), postgres.saturatedCpu())) {
            table.append(cpuRow(name, service, raw, postgres, cpu -> cpu.seconds(name)));
        }
        table.append(cpuRow("**all**", service, raw, postgres, ProcessCpu::totalSeconds));
        table.append(cpuRow("of which the JIT compiler threads of the JVMs", service, raw, postgres, ProcessCpu::compilerSeconds));
        return table.toString();
    }

    private static String cpuRow(String name, Phases service, Phases raw, Phases postgres, ToDoubleFunction<ProcessCpu> pick) {
        return "| %s | %.2f | %.2f | %.2f |%n".formatted(name, service.perLookup(pick), raw.perLookup(pick), postgres.perLookup(pick));
    }

    private static String phaseTable(String phase, Result service, Result raw, Result postgres) {
        double vsRaw = (double) service.p(99) / raw.p(99);
        double vsPostgres = (double) postgres.p(99) / service.p(99);
        return """
                %s:

                | path | lookups/s | p50 (ms) | p99 (ms) | failed |
                |---|---:|---:|---:|---:|
                | overview-service `POST /api/v1/party-overview` (access filter, facets, hidden count, document counts, audit write) | %,.0f | %.1f | **%.1f** | %d |
                | the service's two requests straight to OpenSearch (case search with facets and hidden count; document counts) | %,.0f | %.1f | %.1f | %d |
                | the same lookup in PostgreSQL (party index, access conditions, facets counted, document counts, count) | %,.0f | %.1f | %.1f | %d |

                p99 service / raw OpenSearch: **%.2f** (target <= 1.5: %s). p99 PostgreSQL / service: **%.2f** (target >= 5: %s).
                p99 target <= 50 ms: %s.
                """.formatted(phase, service.rate(), service.p(50) / 1000.0, service.p(99) / 1000.0, service.failures(), raw.rate(),
                raw.p(50) / 1000.0, raw.p(99) / 1000.0, raw.failures(), postgres.rate(), postgres.p(50) / 1000.0,
                postgres.p(99) / 1000.0, postgres.failures(), vsRaw, vsRaw <= 1.5 ? "met" : "NOT met", vsPostgres,
                vsPostgres >= 5 ? "met" : "NOT met", service.p(99) <= 50_000 ? "met" : "NOT met");
    }
}
