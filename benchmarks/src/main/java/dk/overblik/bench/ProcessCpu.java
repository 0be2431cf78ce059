package dk.overblik.bench;

import dk.overblik.stack.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the bench stack (with its child processes) and by the
 * benchmark itself. On a machine with few cores the paths share, where the CPU goes says more
 * than a rate alone: a snapshot before and after a phase gives each process's share of it.
 */
record ProcessCpu(Map<String, Duration> byProcess) {
    static final String BENCHMARK = "benchmark";

    static ProcessCpu of(Stack stack) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        for (Stack.ComponentStatus status : stack.status()) {
            if (status.running()) {
                ProcessHandle.of(status.pid()).ifPresent(p -> cpu.put(status.name(), total(p)));
            }
        }
        // Only the benchmark's own JVM: the stack's processes may be its children, and are counted above.
        cpu.put(BENCHMARK, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return new ProcessCpu(cpu);
    }

    /** CPU used since {@code before}, per process; a process started in between counts from zero. */
    ProcessCpu since(ProcessCpu before) {
        Map<String, Duration> used = new LinkedHashMap<>();
        byProcess.forEach((name, total) -> used.put(name, total.minus(before.byProcess.getOrDefault(name, Duration.ZERO))));
        return new ProcessCpu(used);
    }

    double seconds(String process) {
        return byProcess.getOrDefault(process, Duration.ZERO).toMillis() / 1000.0;
    }

    double totalSeconds() {
        return byProcess.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
    }

    /**
     * The process's CPU with that of its children, live or ended: PostgreSQL runs every connection
     * in a child process, and an ended child's time moves into its parent's cutime and cstime.
     */
    private static Duration total(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .map(ProcessCpu::withEndedChildren)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** utime + stime + cutime + cstime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
    private static Duration withEndedChildren(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The command name (field 2) may hold spaces; the fields after it are plain numbers.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
            return Duration.ofMillis(ticks * 10);
        } catch (IOException | RuntimeException e) {
            // ended meanwhile, or no /proc: what the JDK knows
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }
}
