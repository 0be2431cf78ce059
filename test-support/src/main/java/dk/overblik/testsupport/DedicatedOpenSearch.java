package dk.overblik.testsupport;

import dk.overblik.stack.PortPlan;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.Processes;
import dk.overblik.stack.process.ProcessRecord;
import dk.overblik.stack.process.Started;
import dk.overblik.stack.server.OpenSearchServer;

import dk.overblik.stack.Stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.Map;

/**
 * An OpenSearch node of a test's own, which the test may stop and start again (same folder, same
 * port) to see how a service copes with OpenSearch going away. The shared test stack's node is
 * never stopped.
 */
public final class DedicatedOpenSearch implements AutoCloseable {
    private final OpenSearchServer server;
    private final StackLayout layout;
    private ProcessRecord running;

    public DedicatedOpenSearch(String name) {
        Path project = TestStack.projectDir();
        this.layout = new StackLayout(project, project.resolve(".overblik").resolve(name), name);
        PortPlan ports = PortPlan.load(layout, Map.of());
        ports.port("opensearch");
        ports.save();
        this.server = new OpenSearchServer(layout, ports);
    }

    /** Starts the node (first time on an empty folder) and waits until it answers. */
    public DedicatedOpenSearch start() {
        server.prepare();
        Started started = Processes.startDetached("opensearch-" + layout.name(), server.command(), layout.stackDir(), Map.of(),
                layout.log("opensearch"));
        running = started.record();
        // The test stack's watchdog stops it with everything else, however the build ends.
        new Stack(StackLayout.test(layout.projectDir()), Map.of(), System.out).record(running);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!server.isReady()) {
            if (!started.process().isAlive()) {
                throw new IllegalStateException("The dedicated OpenSearch exited; see " + layout.log("opensearch"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The dedicated OpenSearch did not start; see " + layout.log("opensearch"));
            }
            Processes.sleep(200);
        }
        return this;
    }

    /** Stops the node the way an operator or a crash would (SIGTERM); its data stays. */
    public void stop() {
        if (running != null) {
            Processes.stop(running, "TERM", Duration.ofSeconds(30));
            running = null;
        }
    }

    public String url() {
        return server.stackEnv().values().iterator().next();
    }

    /** Wipes the node's data (before a test that needs an empty index). */
    public DedicatedOpenSearch fresh() {
        Path data = layout.data("opensearch");
        try {
            if (Files.exists(data)) {
                try (var paths = Files.walk(data)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() {
        stop();
    }
}
