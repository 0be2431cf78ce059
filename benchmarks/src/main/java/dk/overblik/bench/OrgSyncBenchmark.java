package dk.overblik.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.simulator.org.OrgGenerator;
import dk.overblik.stack.Stack;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.service.ServiceComponent.Service;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A full sync of a large simulated municipality through org-sync's upload endpoint, then the
 * same export again (nothing may be published), then the export with one department's KLE
 * changed: timed from the upload until the affected users' access is on Kafka.
 */
@Command(name = "org-sync", mixinStandardHelpOptions = true,
        description = "Full organisation sync and one-unit change, timed until the effective access is on Kafka.")
final class OrgSyncBenchmark implements Callable<Integer> {
    private static final HttpClient HTTP = BenchStack.HTTP;

    @Option(names = "--units", defaultValue = "10000", description = "Organisation units (default ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--users", defaultValue = "100000", description = "Employees (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--changes", defaultValue = "5", description = "One-unit changes to time (default ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--seed", defaultValue = "11")
    long seed;

    @Mixin
    BenchStack bench;

    private record Timed(JsonNode report, double uploadSeconds, double publishedSeconds, long records) {
    }

    @Override
    public Integer call() throws Exception {
        Path project = bench.project();
        Stack stack = bench.fresh();
        try {
            StackEnv env = stack.up(EnumSet.of(Service.ORGSYNC));
            String token = new Tokens(env.get(StackEnv.OIDC_ISSUER)).forClient("org-sync-loader", Tokens.DEMO_SECRET);
            Municipality municipality = Municipality.A;
            Scenario scenario = new Scenario(seed, List.of(municipality), 100, 1, units, users, Scenario.DEFAULT_ANCHOR, 0, 0, 0, 0);
            OrgExport export = OrgGenerator.generate(scenario, municipality, 0).export();
            byte[] body = Json.toBytes(export);
            System.out.printf("Export: %,d units, %,d users, %.1f MB of JSON%n", export.orgUnits().size(), export.users().size(),
                    body.length / 1e6);
            String url = env.get(StackEnv.ORGSYNC_URL) + "/api/v1/org-exports/" + municipality.cvr();

            try (KafkaConsumer<String, byte[]> access = consumer(env.get(StackEnv.KAFKA_BOOTSTRAP))) {
                System.out.println("1/3 full sync ...");
                Timed full = timed(url, token, body, access);
                if (full.records() != export.users().size()) {
                    throw new IllegalStateException("A full sync published " + full.records() + " access records for "
                            + export.users().size() + " users");
                }
                System.out.printf("    committed after %.1f s, all %,d access records on Kafka after %.1f s%n", full.uploadSeconds(),
                        full.records(), full.publishedSeconds());

                System.out.println("2/3 the same export again ...");
                Timed same = timed(url, token, body, access);
                Thread.sleep(3_000);
                long stray = access.poll(Duration.ofSeconds(2)).count();
                System.out.printf("    %s after %.2f s; %d access records published%n", same.report().path("outcome").asText(),
                        same.uploadSeconds(), stray);

                System.out.printf("3/3 %d one-unit changes (a department gains a KLE task) ...%n", changes);
                List<Timed> changed = new ArrayList<>();
                List<OrgUnitRegistration> departments = export.orgUnits().stream()
                        .filter(u -> u.inheritKle() && u.parentOrgUnitUuid() != null && !u.tasks().isEmpty()).toList();
                for (int i = 0; i < changes; i++) {
                    OrgUnitRegistration target = departments.get((i * 7919) % departments.size());
                    export = withExtraTask(export, target, "%02d.%02d".formatted(10 + i, 1 + i));
                    Timed one = timed(url, token, Json.toBytes(export), access);
                    changed.add(one);
                    System.out.printf("    %s: %d users republished, committed after %.2f s, on Kafka after %.2f s%n", target.name(),
                            one.records(), one.uploadSeconds(), one.publishedSeconds());
                }

                String section = report(export, body.length, full, same, stray, changed);
                System.out.println();
                System.out.println(section);
                BenchReport.write(project, "org-sync", section);
                System.out.println("Written to docs/benchmarks.md.");
            }
            return 0;
        } finally {
            bench.done(stack);
        }
    }

    /**
     * Uploads the export, then reads the access topic until as many records have arrived as the
     * sync report says it republished.
     */
    private static Timed timed(String url, String token, byte[] body, KafkaConsumer<String, byte[]> access) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        double uploaded = BenchStack.seconds(start);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("org-sync answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode report = Json.mapper().readTree(response.body());
        long expected = report.path("accessPublished").asLong();
        long records = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (records < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> ignored : access.poll(Duration.ofMillis(20))) {
                records++;
            }
        }
        if (records < expected) {
            throw new IllegalStateException("Only " + records + " of " + expected + " access records arrived");
        }
        return new Timed(report, uploaded, BenchStack.seconds(start), records);
    }

    private static OrgExport withExtraTask(OrgExport export, OrgUnitRegistration target, String kle) {
        List<OrgUnitRegistration> units = export.orgUnits().stream().map(u -> !u.uuid().equals(target.uuid()) ? u
                : new OrgUnitRegistration(u.uuid(), u.shortKey(), u.name(), u.parentOrgUnitUuid(),
                append(u.tasks(), kle), u.contactForTasks(), u.inheritKle())).toList();
        return new OrgExport(export.municipality(), Instant.now(), units, export.users());
    }

    private static List<String> append(List<String> list, String value) {
        List<String> copy = new ArrayList<>(list);
        copy.add(value);
        return copy;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
        return consumer;
    }


    private String report(OrgExport export, int bytes, Timed full, Timed same, long stray, List<Timed> changed) {
        StringBuilder rows = new StringBuilder();
        double worst = 0;
        List<Double> times = changed.stream().map(Timed::publishedSeconds).sorted().toList();
        double median = times.get(times.size() / 2);
        long withinTarget = times.stream().filter(t -> t <= 1).count();
        for (Timed t : changed) {
            worst = Math.max(worst, t.publishedSeconds());
            rows.append("| one department gains a KLE task | %,d | %.2f | %.2f |%n".formatted(t.records(), t.uploadSeconds(),
                    t.publishedSeconds()));
        }
        return """
                ## Org-sync: full sync and one-unit change

                Measured %s on %s with `./overblik bench org-sync --units %d --users %d --changes %d` (simulator seed %d): one
                municipality's full export (%,d units, %,d users, %.1f MB of JSON) uploaded to `PUT /api/v1/org-exports/{cvr}`.
                "Committed" is when the upload answered (state, access and outbox committed in PostgreSQL); "on Kafka"
                is when a consumer of `overblik.access.v1` had every record the sync republished.

                | sync | access records | committed (s) | on Kafka (s) |
                |---|---:|---:|---:|
                | full sync into an empty database | %,d | %.1f | **%.1f** (target <= 60 s: %s) |
                | the same export again (%s) | %d | %.2f | - |
                %s
                One-unit change, from upload to the last affected user's access on Kafka: median **%.2f s**, worst %.2f s;
                %d of %d within the target of 1 s (%s).
                Every change is a full export. org-sync tokenizes it whole but parses only the units and users whose bytes
                differ from the last export's (the others are taken from there), checks the whole export, compares every
                unit and user with the last good state it holds in memory, recomputes access for the users in, below and
                above the changed unit, and republishes only those whose access changed.
                """.formatted(Instant.now().toString().substring(0, 10), Machine.describe(), units, users, changed.size(), seed,
                export.orgUnits().size(), export.users().size(), bytes / 1e6,
                full.records(), full.uploadSeconds(), full.publishedSeconds(), full.publishedSeconds() <= 60 ? "met" : "NOT met",
                same.report().path("outcome").asText(), stray, same.uploadSeconds(), rows,
                median, worst, withinTarget, times.size(), worst <= 1 ? "met" : median <= 1 ? "met by the median, not by the worst" : "NOT met");
    }
}
