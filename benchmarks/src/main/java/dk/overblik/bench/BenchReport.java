package dk.overblik.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps docs/benchmarks.md: each benchmark owns one section between markers and replaces it
 * with its latest figures, leaving the others as they are.
 */
final class BenchReport {
    private static final String HEADER = """
            # Benchmarks

            Figures measured by `./overblik bench ...` on a fresh stack of real servers (`.overblik/bench/`).
            Each section is rewritten by its benchmark; the date and machine are part of it. The machines
            are noisy: compare figures measured in one run (the ratios), not across runs.
            """;

    private BenchReport() {
    }

    static void write(Path projectDir, String name, String section) {
        Path file = projectDir.resolve("docs/benchmarks.md");
        String begin = "<!-- bench:" + name + " -->";
        String end = "<!-- /bench:" + name + " -->";
        try {
            String text = Files.exists(file) ? Files.readString(file) : HEADER;
            String block = begin + "\n" + section.strip() + "\n" + end;
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                    : text.stripTrailing() + "\n\n" + block + "\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
