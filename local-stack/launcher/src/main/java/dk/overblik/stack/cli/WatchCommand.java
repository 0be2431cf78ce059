package dk.overblik.stack.cli;

import dk.overblik.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Stops the stack when a process ends. A test run starts the test stack with this watchdog on
 * the Maven process, so the servers go away with the build however it ends.
 */
@Command(name = "watch", hidden = true, description = "Stop the stack when the process PID ends.")
final class WatchCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--pid", required = true)
    long pid;

    @Override
    public Integer call() throws Exception {
        Optional<ProcessHandle> watched = ProcessHandle.of(pid);
        Stack stack = options.stack();
        while (watched.map(ProcessHandle::isAlive).orElse(false) && stack.isRunning()) {
            try {
                watched.get().onExit().get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // still alive: look again (and notice a stack someone else stopped)
            }
        }
        stack.down();
        return 0;
    }
}
