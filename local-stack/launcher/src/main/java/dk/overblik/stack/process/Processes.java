package dk.overblik.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts server and service processes detached from the launcher (own session, output to a log
 * file, no stdin), so they outlive it for {@code up -d} and are not hit by a Ctrl-C meant for
 * the launcher, and stops them again by process group.
 */
public final class Processes {
    private Processes() {
    }

    public static Started startDetached(String name, List<String> command, Path workDir, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            List<String> full = new ArrayList<>();
            full.add("setsid");
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            Instant startedAt = process.info().startInstant().orElse(Instant.now());
            return new Started(new ProcessRecord(name, process.pid(), startedAt, log, ProcessRecord.startTicksOf(process.pid())), process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion; returns its combined output, failing on a non-zero exit. */
    public static String run(List<String> command, Path workDir, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Command failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * Stops a recorded process and everything it started: the signal goes to its process group
     * (setsid made it the leader), then stragglers are killed after the grace period.
     */
    public static void stop(ProcessRecord record, String signal, Duration grace) {
        ProcessHandle handle = record.live().orElse(null);
        if (handle == null) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>(handle.descendants().toList());
        family.add(handle);
        signalGroup(record.pid(), signal);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && family.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(100);
        }
        for (ProcessHandle p : family) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        family.forEach(p -> p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> p).join());
    }

    private static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
