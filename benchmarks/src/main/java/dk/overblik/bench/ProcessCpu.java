package dk.overblik.bench;

import dk.overblik.stack.Stack;
import dk.overblik.stack.process.ProcStat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the bench stack (with its child processes) and by the
 * benchmark itself, and the part of it the JVMs' JIT compiler threads used. On a machine with few
 * cores the paths share, where the CPU goes says more than a rate alone: a snapshot before and
 * after a phase gives each process's share of it, and the compilers' part tells whether the JVMs
 * were still warming up. The machine's steal time (CPU its hypervisor gave to other guests while
 * this one wanted it) tells whether the host, rather than a path, slowed a phase down.
 */
record ProcessCpu(Map<String, Duration> byProcess, Map<String, Duration> compilers, Duration stolen) {
    static final String BENCHMARK = "benchmark";
    /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread1"...; Linux keeps 15 characters. */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

    static ProcessCpu of(Stack stack) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        Map<String, Duration> compilers = new LinkedHashMap<>();
        for (Stack.ComponentStatus status : stack.status()) {
            if (status.running()) {
                ProcessHandle.of(status.pid()).ifPresent(p -> {
                    cpu.put(status.name(), total(p));
                    compilers.put(status.name(), compilerThreads(p.pid()));
                });
            }
        }
        // Only the benchmark's own JVM: the stack's processes may be its children, and are counted above.
        cpu.put(BENCHMARK, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        compilers.put(BENCHMARK, compilerThreads(ProcessHandle.current().pid()));
        return new ProcessCpu(cpu, compilers, stolenSoFar());
    }

    /** CPU used since {@code before}, per process; a process started in between counts from zero. */
    ProcessCpu since(ProcessCpu before) {
        return new ProcessCpu(minus(byProcess, before.byProcess), minus(compilers, before.compilers), stolen.minus(before.stolen));
    }

    /** CPU of this phase and {@code other} together, per process. */
    ProcessCpu plus(ProcessCpu other) {
        return new ProcessCpu(sum(byProcess, other.byProcess), sum(compilers, other.compilers), stolen.plus(other.stolen));
    }

    private static Map<String, Duration> sum(Map<String, Duration> a, Map<String, Duration> b) {
        Map<String, Duration> used = new LinkedHashMap<>(a);
        b.forEach((name, cpu) -> used.merge(name, cpu, Duration::plus));
        return used;
    }

    private static Map<String, Duration> minus(Map<String, Duration> after, Map<String, Duration> before) {
        Map<String, Duration> used = new LinkedHashMap<>();
        after.forEach((name, total) -> used.put(name, total.minus(before.getOrDefault(name, Duration.ZERO))));
        return used;
    }

    /** The processes measured in any of {@code phases}, in the order they were first met. */
    static Set<String> processes(ProcessCpu... phases) {
        Set<String> names = new LinkedHashSet<>();
        for (ProcessCpu phase : phases) {
            names.addAll(phase.byProcess.keySet());
        }
        return names;
    }

    /** What the JIT compiler threads of all processes used. */
    double compilerSeconds() {
        return compilers.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
    }

    double compilerSeconds(String process) {
        return compilers.getOrDefault(process, Duration.ZERO).toMillis() / 1000.0;
    }

    double seconds(String process) {
        return byProcess.getOrDefault(process, Duration.ZERO).toMillis() / 1000.0;
    }

    /** CPU the host took from this machine (all its cores together). */
    double stolenSeconds() {
        return stolen.toMillis() / 1000.0;
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

    /** utime + stime + cutime + cstime from /proc/<pid>/stat. */
    private static Duration withEndedChildren(ProcessHandle process) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")), 17);
        } catch (IOException | RuntimeException e) {
            // ended meanwhile, or no /proc: what the JDK knows
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    /** The machine's steal time so far: the 8th number of /proc/stat's "cpu" line, in ticks; zero without /proc. */
    private static Duration stolenSoFar() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow().trim().split(" +");
            return Duration.ofMillis(Long.parseLong(fields[8]) * 10);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    /** utime + stime of the process's JIT compiler threads, from /proc/<pid>/task/<tid>/stat; zero without /proc. */
    private static Duration compilerThreads(long pid) {
        Duration sum = Duration.ZERO;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (COMPILER_THREAD.matcher(ProcStat.command(stat)).matches()) {
                        sum = sum.plus(ticks(stat, 15));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
        return sum;
    }

    /**
     * Fields 14 (utime) up to {@code lastField} of a /proc stat line, in clock ticks of 10 ms
     * (USER_HZ is 100 on Linux): 15 adds stime, 17 also the ended children's cutime and cstime.
     */
    private static Duration ticks(String stat, int lastField) {
        long ticks = 0;
        for (int field = 14; field <= lastField; field++) {
            ticks += ProcStat.field(stat, field);
        }
        return Duration.ofMillis(ticks * 10);
    }
}
