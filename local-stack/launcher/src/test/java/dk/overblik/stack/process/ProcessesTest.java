package dk.overblik.stack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessesTest {

    @Test
    void aDetachedProcessAndEverythingItStartedStopTogether(@TempDir Path dir) {
        Path log = dir.resolve("logs/child.log");
        Started started = Processes.startDetached("child", List.of("sh", "-c", "echo started; sleep 300 & sleep 300"),
                dir, Map.of(), log);
        ProcessRecord record = started.record();
        await(() -> record.live().map(h -> h.descendants().count() >= 2).orElse(false));
        List<ProcessHandle> family = record.live().orElseThrow().descendants().toList();

        Processes.stop(record, "TERM", Duration.ofSeconds(5));

        assertThat(record.isRunning()).isFalse();
        assertThat(family).noneMatch(ProcessHandle::isAlive);
        assertThat(log).exists();
        assertThat(readQuietly(log)).contains("started");
    }

    @Test
    void aRecordDoesNotMatchAnotherProcessThatGotTheSamePid() {
        long self = ProcessHandle.current().pid();
        ProcessRecord wrongStart = new ProcessRecord("x", self, java.time.Instant.parse("2001-01-01T00:00:00Z"), Path.of("x.log"), null);
        assertThat(wrongStart.isRunning()).isFalse();
        ProcessRecord rightStart = new ProcessRecord("x", self, ProcessHandle.current().info().startInstant().orElseThrow(), Path.of("x.log"), null);
        assertThat(rightStart.isRunning()).isTrue();
    }

    @Test
    void aRecordStillFindsItsProcessAfterTheClockWasSetAndNotAnotherStart() {
        long self = ProcessHandle.current().pid();
        Long ticks = ProcessRecord.startTicksOf(self);
        assertThat(ticks).as("Linux tells the start in ticks").isNotNull();
        java.time.Instant start = ProcessHandle.current().info().startInstant().orElseThrow();
        // The wall clock moved an hour since the start was recorded (set, or the machine paused): still ours.
        assertThat(new ProcessRecord("x", self, start.plusSeconds(3600), Path.of("x.log"), ticks).isRunning()).isTrue();
        // Another start under the same pid: not ours, whatever the clock says.
        assertThat(new ProcessRecord("x", self, start, Path.of("x.log"), ticks + 1).isRunning()).isFalse();
    }

    @Test
    void aFailingCommandReportsItsOutput(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Processes.run(List.of("sh", "-c", "echo went wrong >&2; exit 3"), dir, Duration.ofSeconds(10)))
                .hasMessageContaining("exit 3").hasMessageContaining("went wrong");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Processes.sleep(50);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
