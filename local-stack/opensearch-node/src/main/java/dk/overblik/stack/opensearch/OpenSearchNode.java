package dk.overblik.stack.opensearch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.DeprecationLogger;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-node OpenSearch from plain jars (no distribution, no Docker):
 * {@code OpenSearchNode --home DIR [--http-port N] [--port-file FILE] [--exit-on-stdin-close]}.
 * Port 0 picks a free port; the bound port goes to the port file once the cluster is yellow.
 * SIGTERM closes the node cleanly. With --exit-on-stdin-close the node also stops when its
 * stdin reaches end of file, so a node owned by a test JVM dies with it.
 * Exit codes: 0 clean stop, 1 failed start, 2 bad arguments.
 */
public final class OpenSearchNode {
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
            Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class, ReindexPlugin.class, MapperExtrasPlugin.class);
    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile Node node;
    private static volatile Path portFile;
    private static volatile boolean closed;

    /** Node's constructor that takes classpath plugins is protected. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private OpenSearchNode() {
    }

    public static void main(String[] args) {
        // Before any log4j or netty class loads: the values OpenSearch's own launcher passes.
        setDefault("log4j.shutdownHookEnabled", "false");
        setDefault("log4j2.disable.jmx", "true");
        setDefault("io.netty.noUnsafe", "true");
        setDefault("io.netty.noKeySetOptimization", "true");
        setDefault("io.netty.recycler.maxCapacityPerThread", "0");
        setDefault("io.netty.allocator.numDirectArenas", "0");
        setDefault("jna.nosys", "true");
        // OpenSearch's ISO calendar data provider needs SPI first, or week-based date formats fail.
        setDefault("java.locale.providers", "SPI,COMPAT");

        PrintStream out = System.out; // LogConfigurator redirects System.out/err into log4j
        PrintStream err = System.err;
        Path home = null;
        int httpPort = 9200;
        boolean exitOnStdinClose = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--home" -> home = Path.of(args[++i]).toAbsolutePath().normalize();
                    case "--http-port" -> httpPort = Integer.parseInt(args[++i]);
                    case "--port-file" -> portFile = Path.of(args[++i]).toAbsolutePath().normalize();
                    case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (home == null) {
                throw new IllegalArgumentException("--home is required");
            }
        } catch (RuntimeException e) {
            err.println("OpenSearchNode: " + e.getMessage());
            err.println("usage: OpenSearchNode --home DIR [--http-port N] [--port-file FILE] [--exit-on-stdin-close]");
            System.exit(2);
            return;
        }

        long began = System.nanoTime();
        installSignalHandler("TERM");
        installSignalHandler("INT");
        Runtime.getRuntime().addShutdownHook(new Thread(OpenSearchNode::shutdown, "opensearch-node-shutdown"));
        try {
            int port = start(home, httpPort);
            if (portFile != null) {
                writeAtomically(portFile, port + "\n");
            }
            out.printf("OpenSearch %s started on http://127.0.0.1:%d in %d ms%n", org.opensearch.Version.CURRENT, port,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            out.flush();
        } catch (Throwable t) {
            err.println("OpenSearchNode: start failed: " + t);
            t.printStackTrace(err);
            err.flush();
            System.exit(1);
            return;
        }
        if (exitOnStdinClose) {
            Thread stdin = new Thread(OpenSearchNode::exitAtEndOfStdin, "stdin-eof-watcher");
            stdin.setDaemon(true);
            stdin.start();
        }
        try {
            STOPPED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int start(Path home, int httpPort) throws Exception {
        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        if (portFile != null) {
            Files.deleteIfExists(portFile);
        }
        try (InputStream in = OpenSearchNode.class.getResourceAsStream("/opensearch-node-log4j2.properties")) {
            Files.copy(in, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "overblik-local")
                .put("node.name", "node-1")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", Integer.toString(httpPort))
                .put("transport.port", "0")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> "node-1");
        // The custom DEPRECATION level must exist before the configuration that names it is parsed.
        LogConfigurator.registerErrorListener();
        DeprecationLogger.DEPRECATION.name();
        LogConfigurator.setNodeName("node-1");
        LogConfigurator.configure(environment);

        Node started = new EmbeddedNode(environment, PLUGINS);
        node = started;
        started.start();
        // One node: new indices get no replicas, so they turn green (a persistent cluster setting).
        started.client().admin().cluster().prepareUpdateSettings()
                .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                .get();
        ClusterHealthResponse health = started.client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus().setTimeout(TimeValue.timeValueSeconds(60)).get();
        if (health.isTimedOut()) {
            throw new IllegalStateException("The cluster did not turn yellow: " + health.getStatus());
        }
        return started.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
    }

    private static void exitAtEndOfStdin() {
        try {
            byte[] buffer = new byte[256];
            while (System.in.read(buffer) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // treated like end of file
        }
        System.exit(0);
    }

    private static synchronized void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (portFile != null) {
                Files.deleteIfExists(portFile);
            }
        } catch (IOException e) {
            // the port file is advisory
        }
        Node running = node;
        if (running != null) {
            try {
                running.close();
                if (!running.awaitClose(10, TimeUnit.SECONDS)) {
                    LogManager.getLogger(OpenSearchNode.class).warn("The node did not stop within 10 s");
                }
            } catch (Exception e) {
                LogManager.getLogger(OpenSearchNode.class).warn("Error while closing the node", e);
            }
        }
        Configurator.shutdown((LoggerContext) LogManager.getContext(false));
        STOPPED.countDown();
    }

    /** SIGTERM and SIGINT end with exit code 0 after the shutdown hook closed the node. */
    private static void installSignalHandler(String name) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.exit(0));
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
