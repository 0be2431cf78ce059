package dk.overblik.bench;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.party.CprBusinessEvent;
import dk.overblik.contracts.party.CprEvent;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.simulator.Ids;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.Summary;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.RestSink;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.Stack;
import dk.overblik.stack.StackEnv;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPR event to alert stored: the whole stack with the demo rules, 10,000 simulator citizens whose
 * cases and organisation went in through the vendor API and org-sync; then citizens of municipality
 * A with open benefit cases move out, first at a steady rate, then all at once. Each event's time
 * runs from the moment its POST starts to the moment advis stored its last alert (PostgreSQL's clock
 * on the same machine).
 */
@Command(name = "advis", mixinStandardHelpOptions = true,
        description = "CPR event to alert stored, p50/p99, and events per second, over 10,000 simulator citizens.")
final class AdvisBenchmark implements Callable<Integer> {
    /** The demo rule "moved out: stop the benefit" applies to open cases in these KLE groups. */
    private static final List<String> BENEFITS = List.of("32", "27.24");

    @Option(names = "--citizens", defaultValue = "10000", description = "Simulator citizens over both municipalities (default ${DEFAULT-VALUE}).")
    int citizens;

    @Option(names = "--rate", defaultValue = "20", description = "CPR events per second in the steady phase (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "Length of the steady phase (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--burst", defaultValue = "2000", description = "CPR events sent at once in the burst phase (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--seed", defaultValue = "11")
    long seed;

    @Mixin
    BenchStack bench;

    /** A citizen of A and how many alerts moving out gives them (their open benefit cases). */
    private record Mover(String cpr, int openBenefitCases) {
    }

    /** One phase: latencies per event, events per second from first send to last alert, events that got no alert in time. */
    private record Phase(String name, Histogram latency, int events, double eventsPerSecond, int missing) {
        @Override
        public String toString() {
            return "%s: %,d events, %,.0f events/s, p50 %d ms, p99 %d ms, max %d ms, %d without all alerts".formatted(name, events,
                    eventsPerSecond, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
                    missing);
        }
    }

    @Override
    public Integer call() throws Exception {
        Stack stack = bench.fresh();
        try {
            StackEnv env = stack.up(true);
            
            Scenario scenario = Scenario.of(seed, citizens / 2);

            System.out.printf("1/4 loading %,d citizens through org-sync and the vendor API ...%n", citizens);
            long start = System.nanoTime();
            Summary summary = load(env, scenario);
            System.out.printf("    %,d case and %,d document registrations sent in %.0f s; waiting for indexer and advis ...%n",
                    summary.caseVersions(), summary.documents(), BenchStack.seconds(start));
            awaitQuiet(env.get(StackEnv.OPENSEARCH_URL), env);
            List<Mover> movers = movers(scenario);
            System.out.printf("    settled after %.0f s; %,d citizens of A have open benefit cases%n", BenchStack.seconds(start),
                    movers.size());

            Tokens tokens = new Tokens(env.get(StackEnv.OIDC_ISSUER));
            String url = env.get(StackEnv.ADVIS_URL) + "/api/v1/cpr-events";
            System.out.printf("2/4 warm-up: 200 events ...%n");
            measure("warm-up", env, url, tokens, movers, 200, 50, 4);
            System.out.printf("3/4 steady: %d events/s for %d s ...%n", rate, seconds);
            Phase steady = measure("steady", env, url, tokens, movers, rate * seconds, rate, 4);
            System.out.println("    " + steady);
            System.out.printf("4/4 burst: %,d events at once ...%n", burst);
            Phase all = measure("burst", env, url, tokens, movers, burst, 0, 8);
            System.out.println("    " + all);

            String section = report(summary, movers.size(), steady, all);
            System.out.println();
            System.out.println(section);
            BenchReport.write(bench.project(), "advis", section);
            System.out.println("Written to docs/benchmarks.md.");
            return 0;
        } finally {
            bench.done(stack);
        }
    }

    private static Summary load(StackEnv env, Scenario scenario) {
        RestSink.Endpoints endpoints = new RestSink.Endpoints(env.get(StackEnv.INDEXER_URL), null, env.get(StackEnv.ORGSYNC_URL),
                env.get(StackEnv.OIDC_ISSUER), Tokens.DEMO_SECRET);
        RestSink sink = new RestSink(endpoints, 4);
        try {
            Summary summary = new Simulation(scenario).run(sink, Progress.silent(), RateLimiter.unlimited());
            if (sink.failures() > 0) {
                throw new IllegalStateException(sink.failures() + " records were refused");
            }
            return summary;
        } finally {
            sink.close();
        }
    }

    /** Waits until the case index and advis's case tracking have stopped growing for 10 s. */
    private static void awaitQuiet(String openSearch, StackEnv env) throws Exception {
        long lastCases = -1;
        long lastTracked = -1;
        Instant stableSince = Instant.now();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        try (Connection db = BenchStack.database(env, "advis")) {
            while (Instant.now().isBefore(deadline)) {
                String count = OpenSearchHttp.send("POST", openSearch + "/" + CaseIndex.READ_ALIAS + "/_count",
                        "{\"query\": {\"match_all\": {}}}".getBytes(StandardCharsets.UTF_8), "application/json");
                long cases = Json.mapper().readTree(count).path("count").asLong();
                long tracked;
                try (ResultSet rows = db.createStatement().executeQuery("select count(*) from tracked_case")) {
                    rows.next();
                    tracked = rows.getLong(1);
                }
                if (cases != lastCases || tracked != lastTracked) {
                    lastCases = cases;
                    lastTracked = tracked;
                    stableSince = Instant.now();
                } else if (Duration.between(stableSince, Instant.now()).toSeconds() >= 10 && cases > 0) {
                    return;
                }
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException("The stack did not settle within 15 minutes");
    }

    /** Citizens of A (the first half of the scenario's citizens) with open benefit cases that were not deleted. */
    private static List<Mover> movers(Scenario scenario) {
        Simulation simulation = new Simulation(scenario);
        String tenant = Municipality.A.cvr();
        List<Mover> movers = new ArrayList<>();
        for (long citizen = 0; citizen < scenario.citizensPerMunicipality(); citizen++) {
            Map<UUID, CaseRecord> latest = new HashMap<>();
            Set<UUID> deleted = new HashSet<>();
            PartyRef person = PartyRef.cpr(Ids.cpr(citizen));
            for (SimRecord record : simulation.citizen(citizen)) {
                if (record instanceof SimRecord.CaseVersion c) {
                    latest.merge(c.record().id(), c.record(), (a, b) -> a.registeredAt().isAfter(b.registeredAt()) ? a : b);
                } else if (record instanceof SimRecord.CaseDeletion d) {
                    deleted.add(d.deletion().id());
                }
            }
            int open = 0;
            for (CaseRecord c : latest.values()) {
                if (c.tenant().equals(tenant) && !deleted.contains(c.id()) && c.progress().isOpen()
                        && c.parties().stream().anyMatch(p -> p.ref().equals(person))
                        && BENEFITS.stream().anyMatch(scope -> Kle.covers(scope, c.kle().subject()))) {
                    open++;
                }
            }
            if (open > 0) {
                movers.add(new Mover(person.number(), open));
            }
        }
        return movers;
    }

    /**
     * Sends {@code events} moves (at {@code perSecond}, or at once when 0) from {@code threads} senders, waits for their
     * alerts, and reads when each event's last alert was stored.
     */
    private static Phase measure(String name, StackEnv env, String url, Tokens tokens, List<Mover> movers, int events, int perSecond,
                                 int threads) throws Exception {
        String token = tokens.forClient("cpr-distributor", Tokens.DEMO_SECRET);
        Map<UUID, Instant> sent = new ConcurrentHashMap<>();
        Map<UUID, Integer> expected = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long startNanos = System.nanoTime();
        Instant firstSent = Instant.now();
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    if (perSecond > 0) {
                        long due = startNanos + (long) (i * 1e9 / perSecond);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    Mover mover = movers.get(i % movers.size());
                    UUID eventId = UUID.randomUUID();
                    CprEvent event = new CprEvent(eventId, mover.cpr(), CprEvent.objekthandling(CprBusinessEvent.FLYTNING,
                            Municipality.A.code(), "147"), Instant.now());
                    expected.put(eventId, mover.openBenefitCases());
                    sent.put(eventId, Instant.now());
                    HttpResponse<String> response = BenchStack.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(event))).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        refused.incrementAndGet();
                        sent.remove(eventId);
                    }
                }
                return null;
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " CPR events were refused");
        }
        Map<UUID, Instant> stored = awaitAlerts(env, expected, Duration.ofMinutes(3));
        Histogram latency = new Histogram(600_000L, 3);
        Instant lastStored = firstSent;
        for (Map.Entry<UUID, Instant> e : stored.entrySet()) {
            latency.recordValue(Math.max(0, Duration.between(sent.get(e.getKey()), e.getValue()).toMillis()));
            lastStored = e.getValue().isAfter(lastStored) ? e.getValue() : lastStored;
        }
        double elapsed = Math.max(1e-3, Duration.between(firstSent, lastStored).toMillis() / 1000.0);
        return new Phase(name, latency, events, stored.size() / elapsed, events - stored.size());
    }

    /** When each event's last alert was stored, once every event has all its alerts (or the timeout passes). */
    private static Map<UUID, Instant> awaitAlerts(StackEnv env, Map<UUID, Integer> expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        UUID[] ids = expected.keySet().toArray(UUID[]::new);
        try (Connection db = BenchStack.database(env, "advis");
             PreparedStatement query = db.prepareStatement("""
                     select trigger_event_id, count(*), max(created_at) from alert where trigger_event_id = any(?)
                     group by trigger_event_id""")) {
            query.setArray(1, db.createArrayOf("uuid", ids));
            while (true) {
                Map<UUID, Instant> complete = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        UUID id = (UUID) rows.getObject(1);
                        if (rows.getInt(2) >= expected.get(id)) {
                            Timestamp at = rows.getTimestamp(3);
                            complete.put(id, at.toInstant());
                        }
                    }
                }
                if (complete.size() == ids.length || Instant.now().isAfter(deadline)) {
                    return complete;
                }
                Thread.sleep(500);
            }
        }
    }

    private String report(Summary summary, int movers, Phase steady, Phase all) {
        return """
                ## advis: CPR event to alert stored

                %s, %s. `./overblik bench advis --citizens %d --rate %d --seconds %d --burst %d`: the whole stack with the demo
                rules; %,d simulator citizens (organisation through org-sync, %,d case and %,d document registrations through
                the vendor API, indexed and tracked before measuring); %,d citizens of municipality A with open benefit cases
                move out (distributor form, `POST /api/v1/cpr-events`), each giving one alert per open benefit case. Time per
                event: from the start of its POST to the commit of its last alert (PostgreSQL's clock, same machine).

                | phase | events | events/s | p50 | p99 | max | without all alerts |
                |---|---|---|---|---|---|---|
                %s
                %s

                Target: p99 <= 1 s.
                """.formatted(LocalDate.now(), Machine.describe(), citizens, rate, seconds, burst, citizens, summary.caseVersions(),
                summary.documents(), movers, row(steady), row(all));
    }

    private static String row(Phase phase) {
        return "| %s | %,d | %,.0f | %d ms | %d ms | %d ms | %d |".formatted(phase.name(), phase.events(), phase.eventsPerSecond(),
                phase.latency().getValueAtPercentile(50), phase.latency().getValueAtPercentile(99), phase.latency().getMaxValue(),
                phase.missing());
    }
}
