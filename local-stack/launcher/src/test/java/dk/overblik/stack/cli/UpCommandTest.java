package dk.overblik.stack.cli;

import dk.overblik.stack.Stack;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.ProcessRecord;
import dk.overblik.stack.process.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UpCommandTest {

    @Test
    void upStopsWaitingWhenDownFromAnotherTerminalStopsTheStack(@TempDir Path project) throws Exception {
        StackLayout layout = StackLayout.dev(project);
        Stack upsStack = new Stack(layout, Map.of(), System.out);
        ProcessRecord child = Processes.startDetached("child", List.of("sleep", "300"), project, Map.of(), layout.log("child")).record();
        upsStack.record(child);

        CompletableFuture<Void> up = CompletableFuture.runAsync(() -> UpCommand.awaitStop(upsStack));
        Thread.sleep(3_000);
        assertThat(up).as("up waits while the stack runs").isNotDone();

        // `./overblik down` in another terminal: its own Stack, read from the stack's files.
        new Stack(layout, Map.of(), System.out).down();

        up.get(10, TimeUnit.SECONDS);
        assertThat(child.isRunning()).isFalse();
    }
}
