package dk.overblik.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // keep "unknown"
        }
        long memoryGiB = 0;
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memoryGiB = lines.filter(l -> l.startsWith("MemTotal")).map(l -> l.replaceAll("\\D+", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(0) / 1024 / 1024;
        } catch (IOException e) {
            // keep 0
        }
        return "%d cores (%s), %d GiB RAM, Java %s".formatted(Runtime.getRuntime().availableProcessors(), cpu, memoryGiB,
                Runtime.version().feature());
    }
}
