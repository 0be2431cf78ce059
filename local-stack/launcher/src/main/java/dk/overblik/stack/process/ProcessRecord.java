package dk.overblik.stack.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process the stack started: enough to find it again later (by PID and start time, so that a
 * recycled PID is never mistaken for ours) and to say where its log is.
 */
public record ProcessRecord(String name, long pid, Instant startedAt, Path log) {

    /** The live process this record stands for, if it is still running. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant()
                        .map(start -> Math.abs(start.toEpochMilli() - startedAt.toEpochMilli()) < 2_000)
                        .orElse(false));
    }

    public boolean isRunning() {
        return live().isPresent();
    }
}
