package dk.overblik.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./overblik bench ...}: each benchmark starts its own fresh stack in .overblik/bench/. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures Overblik on real servers and writes the figures to docs/benchmarks.md.",
        subcommands = {IndexerBenchmark.class, OrgSyncBenchmark.class, OverviewBenchmark.class, AdvisBenchmark.class,
                CodecBenchmark.class})
public final class Benchmarks {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }
}
