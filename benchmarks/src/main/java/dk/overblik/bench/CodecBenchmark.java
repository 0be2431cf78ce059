package dk.overblik.bench;

import dk.overblik.stack.StackLayout;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./overblik bench codec}: how much of the indexer's CPU per event is its own reading and
 * encoding of the record ({@link CaseEventCodec}, measured with JMH in a JVM of its own, with the
 * indexer's heap). No servers: it tells what the indexer's code costs apart from Kafka's client,
 * the HTTP client and OpenSearch, which the indexer benchmark measures together.
 */
@Command(name = "codec", mixinStandardHelpOptions = true,
        description = "Measures the indexer's reading, checking and encoding of one case event (JMH, no servers).")
final class CodecBenchmark implements Callable<Integer> {
    private static final String PARSE = "parse";
    private static final String READ = "read";
    private static final String READ_AND_ENCODE = "readAndEncode";

    @Option(names = "--events", defaultValue = "100000", description = "Distinct case events taken in turn (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed, as the indexer benchmark's (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations of 2 s per step (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup-iterations", defaultValue = "5", description = "Warm-up iterations of 2 s per step (default ${DEFAULT-VALUE}).")
    int warmupIterations;

    @Override
    public Integer call() throws Exception {
        Options options = new OptionsBuilder()
                .include(CaseEventCodec.class.getName() + "\\.")
                .param("seed", Long.toString(seed))
                .param("events", Integer.toString(events))
                .forks(1)
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Result<?>> byStep = new LinkedHashMap<>();
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            byStep.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), run.getPrimaryResult());
        }
        for (String step : new String[] {PARSE, READ, READ_AND_ENCODE}) {
            if (!byStep.containsKey(step)) {
                System.err.println("JMH gave no result for " + step + "; nothing written.");
                return 1;
            }
        }
        String section = section(byStep);
        System.out.println();
        System.out.println(section);
        BenchReport.write(StackLayout.findProjectDir(Path.of("")), "codec", section);
        System.out.println("Written to docs/benchmarks.md.");
        return 0;
    }

    private String section(Map<String, Result<?>> byStep) {
        double parse = byStep.get(PARSE).getScore();
        double read = byStep.get(READ).getScore();
        double all = byStep.get(READ_AND_ENCODE).getScore();
        return """
                ## Codec: the indexer's own work per case event

                Measured %s on %s with `./overblik bench codec --events %d --iterations %d --warmup-iterations %d` (simulator seed %d):
                JMH, one forked JVM with the indexer's heap (1 GiB), one thread, %d warm-up and %d measured iterations of 2 s per
                step; each call takes the next case registration among the first %,d case events, serialized as the simulator's
                producer sends them. No servers: this is the indexer's code alone, without Kafka's client, the HTTP client or
                OpenSearch.

                | step | µs per event | ± (99.9%%) |
                |---|---:|---:|
                | parse: the JSON tree alone | %.2f | %.2f |
                | read: parse and check every rule of the contract | %.2f | %.2f |
                | read and encode: read, build the indexed case, encode its bulk operation | %.2f | %.2f |

                Of reading and encoding (%.2f µs): parsing %.0f%%, checking %.0f%% (%.2f µs), building and encoding %.0f%% (%.2f µs).
                """.formatted(LocalDate.now(), Machine.describe(), events, iterations, warmupIterations, seed, warmupIterations,
                iterations, events, parse, error(byStep.get(PARSE)), read, error(byStep.get(READ)), all,
                error(byStep.get(READ_AND_ENCODE)), all, 100 * parse / all, 100 * (read - parse) / all, read - parse,
                100 * (all - read) / all, all - read);
    }

    private static double error(Result<?> result) {
        return Double.isNaN(result.getScoreError()) ? 0 : result.getScoreError();
    }
}
