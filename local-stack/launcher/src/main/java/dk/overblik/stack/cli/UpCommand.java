package dk.overblik.stack.cli;

import dk.overblik.stack.Stack;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.demo.DemoLoader;
import dk.overblik.stack.process.ProcessRecord;
import dk.overblik.stack.process.Processes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "up", description = "Start the servers and services, load demo data, print the URLs. Ctrl-C stops everything.")
final class UpCommand implements Callable<Integer> {
    private static final Duration STOP_POLL = Duration.ofSeconds(2);

    @Mixin
    StackOptions options;

    @Option(names = {"-d", "--detach"}, description = "Leave everything running in the background and return.")
    boolean detach;

    @Option(names = "--servers-only", description = "Start only Kafka, OpenSearch, PostgreSQL and Keycloak.")
    boolean serversOnly;

    @Option(names = "--no-demo", description = "Do not load demo data.")
    boolean noDemo;

    @Option(names = "--fresh", description = "Wipe the stack's data before starting (only when nothing runs).")
    boolean fresh;

    @Option(names = "--watch-pid", hidden = true, description = "Stop the stack when this process ends (test runs).")
    Long watchPid;

    @Override
    public Integer call() {
        Stack stack = options.stack();
        boolean wasRunning = stack.isRunning();
        if (fresh && !wasRunning) {
            stack.reset();
        }
        System.out.println("Starting the Overblik stack in " + stack.layout().stackDir() + " ...");
        Thread cleanup = new Thread(stack::down, "overblik-down");
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        StackEnv env;
        try {
            env = stack.up(!serversOnly);
            if (!serversOnly && !noDemo) {
                var summary = DemoLoader.load(env);
                System.out.printf("  demo data: organisations (%,d units, %,d users) imported by org-sync; %,d case and %,d document "
                        + "registrations sent through the vendor API%n", summary.units(), summary.users(), summary.caseVersions(),
                        summary.documents());
            }
        } catch (StackException e) {
            if (!wasRunning && detach) {
                stack.down();
            }
            throw e;
        }
        if (watchPid != null) {
            startWatchdog(stack, watchPid);
        }
        Banner.print(System.out, stack.layout(), env, serversOnly, detach);
        if (detach) {
            return 0;
        }
        awaitStop(stack);
        return 0;
    }

    private void startWatchdog(Stack stack, long pid) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "watch",
                "--pid", Long.toString(pid), "--stack", options.stackName,
                "--project-dir", stack.layout().projectDir().toString()));
        ProcessRecord watchdog = Processes.startDetached("watchdog", command, stack.layout().projectDir(), Map.of(),
                stack.layout().log("watchdog")).record();
        stack.record(watchdog);
    }

    /**
     * Waits while the stack runs. Ctrl-C ends this process, and the shutdown hook stops the stack;
     * {@code ./overblik down} from another terminal stops the stack, and then this returns.
     */
    static void awaitStop(Stack stack) {
        try {
            while (stack.isRunning()) {
                Thread.sleep(STOP_POLL.toMillis());
            }
            System.out.println("Nothing of the stack runs any more (./overblik down, or every process ended); exiting.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
