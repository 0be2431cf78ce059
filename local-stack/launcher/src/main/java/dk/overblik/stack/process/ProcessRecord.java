package dk.overblik.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process the stack started: enough to find it again later (by PID and start, so that a
 * recycled PID is never mistaken for ours) and to say where its log is. {@code startTicks} is the
 * start in clock ticks since boot, where the system tells it (Linux); null in records written
 * before it was kept.
 */
public record ProcessRecord(String name, long pid, Instant startedAt, Path log, Long startTicks) {

    /** The live process this record stands for, if it is still running. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::startedAsRecorded);
    }

    public boolean isRunning() {
        return live().isPresent();
    }

    private boolean startedAsRecorded(ProcessHandle handle) {
        // Ticks since boot first: the start instant is computed from the wall clock, and moves with it when the clock is
        // set or the machine was paused, which made a running stack look stopped.
        Long ticks = startTicksOf(handle.pid());
        if (startTicks != null && ticks != null) {
            return startTicks.equals(ticks);
        }
        return handle.info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - startedAt.toEpochMilli()) < 2_000)
                .orElse(false);
    }

    /** When the process started, in clock ticks since boot ({@code /proc/<pid>/stat}, field 22), or null where unknown. */
    public static Long startTicksOf(long pid) {
        try {
            return ProcStat.field(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), 22);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
