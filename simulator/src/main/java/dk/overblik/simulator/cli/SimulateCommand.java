package dk.overblik.simulator.cli;

import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.Summary;
import dk.overblik.simulator.deliver.FileSink;
import dk.overblik.simulator.deliver.KafkaSink;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.RestSink;
import dk.overblik.simulator.deliver.Sink;
import dk.overblik.simulator.deliver.Tokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./overblik simulate}: generate a municipality's worth of data and deliver it. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generates realistic synthetic municipalities (organisation, citizens, companies, cases across "
                + "source systems, documents, CPR events), the same for the same seed, and delivers them to files, "
                + "straight to Kafka, or through the vendor REST API. Addresses default to those in .overblik/stack.env.",
        footer = {"", "Examples:", "  ./overblik simulate --seed 42 --citizens 1000 --out /tmp/sim",
                "  ./overblik simulate --citizens 100000 --to kafka --duplicates 0.05 --out-of-order 0.05",
                "  ./overblik simulate --citizens 500 --to rest --rate 200"})
public final class SimulateCommand implements Callable<Integer> {

    /** Where the data goes. */
    enum Target { FILES, KAFKA, REST }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Same seed, same data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--citizens", defaultValue = "1000", description = "Citizens per municipality (default ${DEFAULT-VALUE}).")
    int citizens;

    @Option(names = "--companies", description = "Companies per municipality (default: a tenth of the citizens).")
    Integer companies;

    @Option(names = "--units", description = "Organisation units per municipality (default: scales with citizens).")
    Integer units;

    @Option(names = "--employees", description = "Employees per municipality (default: a twentieth of the citizens, at least 30).")
    Integer employees;

    @Option(names = "--municipalities", split = ",", defaultValue = "A,B",
            description = "A and/or B (the demo municipalities), default ${DEFAULT-VALUE}.")
    List<String> municipalities;

    @Option(names = "--out", description = "Write JSON lines and organisation exports under this folder.")
    Path out;

    @Option(names = "--to", description = "files, kafka or rest (default: files when --out is given).")
    Target to;

    @Option(names = "--rate", defaultValue = "0", description = "Records per second; 0 (default) is as fast as possible.")
    double rate;

    @Option(names = "--duplicates", defaultValue = "0", description = "Share of records delivered twice, e.g. 0.05.")
    double duplicates;

    @Option(names = "--out-of-order", defaultValue = "0", description = "Share of multi-version cases sent newest version first.")
    double outOfOrder;

    @Option(names = "--deletions", defaultValue = "0.005", description = "Share of cases their source deletes (default ${DEFAULT-VALUE}).")
    double deletions;

    @Option(names = "--cpr-events", defaultValue = "0.05", description = "Share of citizens with a CPR event (default ${DEFAULT-VALUE}).")
    double cprEvents;

    @Option(names = "--kafka-bootstrap", defaultValue = "${env:KAFKA_BOOTSTRAP}", description = "Kafka for --to kafka.")
    String kafkaBootstrap;

    @Option(names = "--indexer-url", defaultValue = "${env:INDEXER_URL}", description = "indexer-service for --to rest.")
    String indexerUrl;

    @Option(names = "--advis-url", defaultValue = "${env:ADVIS_URL}", description = "advis-service for CPR events with --to rest.")
    String advisUrl;

    @Option(names = "--orgsync-url", defaultValue = "${env:ORGSYNC_URL}", description = "org-sync-service for organisation exports with --to rest.")
    String orgSyncUrl;

    @Option(names = "--oidc-issuer", defaultValue = "${env:OIDC_ISSUER}", description = "Where vendor tokens come from with --to rest.")
    String oidcIssuer;

    @Option(names = "--vendor-secret", defaultValue = Tokens.DEMO_SECRET, description = "Client secret of the vendor-<system> clients.")
    String vendorSecret;

    @Option(names = "--lanes", defaultValue = "8", description = "Parallel REST lanes; a record's versions share a lane (default ${DEFAULT-VALUE}).")
    int lanes;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SimulateCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        Scenario scenario = scenario();
        Simulation simulation = new Simulation(scenario);
        Target target = to != null ? to : out != null ? Target.FILES : null;
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "Say where the data goes: --out DIR, --to kafka or --to rest");
        }
        Summary summary;
        try (Sink sink = sink(target)) {
            System.err.printf("Simulating %,d citizens and %,d companies in %s (seed %d) to %s%n",
                    scenario.citizensPerMunicipality() * scenario.municipalities().size(),
                    scenario.companiesPerMunicipality() * scenario.municipalities().size(),
                    scenario.municipalities().stream().map(Municipality::name).toList(), seed, target.name().toLowerCase());
            summary = simulation.run(sink, new Progress(System.err, simulation.parties(), quiet), new RateLimiter(rate));
            sink.close();
            System.out.println(summary);
            if (sink.skipped() > 0) {
                System.out.printf("skipped:      %,d records this target does not take (see --help)%n", sink.skipped());
            }
            if (sink.failures() > 0) {
                System.out.printf("failures:     %,d records could not be delivered%n", sink.failures());
                return 1;
            }
        }
        if (out != null && target == Target.FILES) {
            System.out.println("written to:   " + out.toAbsolutePath());
        }
        return 0;
    }

    private Scenario scenario() {
        List<Municipality> chosen = new ArrayList<>();
        for (String name : municipalities) {
            switch (name.trim().toUpperCase()) {
                case "A" -> chosen.add(Municipality.A);
                case "B" -> chosen.add(Municipality.B);
                default -> throw new ParameterException(spec.commandLine(), "Unknown municipality " + name + " (use A and/or B)");
            }
        }
        Scenario base = Scenario.of(seed, citizens).withMunicipalities(chosen);
        Scenario sized = base.withOrganisation(units != null ? units : base.unitsPerMunicipality(),
                employees != null ? employees : base.employeesPerMunicipality());
        return new Scenario(sized.seed(), sized.municipalities(), sized.citizensPerMunicipality(),
                companies != null ? companies : sized.companiesPerMunicipality(), sized.unitsPerMunicipality(),
                sized.employeesPerMunicipality(), sized.anchor(), duplicates, outOfOrder, deletions, cprEvents);
    }

    private Sink sink(Target target) {
        return switch (target) {
            case FILES -> {
                if (out == null) {
                    throw new ParameterException(spec.commandLine(), "--to files needs --out DIR");
                }
                yield new FileSink(out);
            }
            case KAFKA -> new KafkaSink(require(kafkaBootstrap, "--kafka-bootstrap (or start the stack: ./overblik up -d)"));
            case REST -> new RestSink(new RestSink.Endpoints(require(indexerUrl, "--indexer-url (or start the stack: ./overblik up -d)"),
                    blankToNull(advisUrl), blankToNull(orgSyncUrl), require(oidcIssuer, "--oidc-issuer"), vendorSecret), lanes);
        };
    }

    private String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing " + what);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
