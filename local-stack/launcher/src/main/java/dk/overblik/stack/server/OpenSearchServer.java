package dk.overblik.stack.server;

import dk.overblik.stack.PortPlan;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.Http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A single OpenSearch 2.19 node started from Maven Central's jars by a tiny main class (module
 * local-stack/opensearch-node), in its own JVM because its netty and log4j differ from Quarkus'.
 */
public final class OpenSearchServer implements Component {
    static final String MAIN_CLASS = "dk.overblik.stack.opensearch.OpenSearchNode";

    private final StackLayout layout;
    private final PortPlan ports;

    public OpenSearchServer(StackLayout layout, PortPlan ports) {
        this.layout = layout;
        this.ports = ports;
    }

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public List<String> portNames() {
        return List.of("opensearch");
    }

    private String url() {
        return "http://127.0.0.1:" + ports.port("opensearch");
    }

    @Override
    public void prepare() {
        if (!Files.isRegularFile(nodeJar())) {
            throw new StackException("The OpenSearch node is not built (" + nodeJar() + "): build first with ./mvnw package -DskipTests");
        }
    }

    private Path nodeJar() {
        return layout.openSearchLib().getParent().resolve("opensearch-node.jar");
    }

    @Override
    public List<String> command() {
        return JavaCommand.of(List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC"),
                nodeJar() + ":" + layout.openSearchLib() + "/*", MAIN_CLASS,
                List.of("--home", layout.data("opensearch").toString(),
                        "--http-port", Integer.toString(ports.port("opensearch"))));
    }

    @Override
    public Path workDir() {
        return layout.stackDir();
    }

    @Override
    public boolean isReady() {
        Http.Response health = Http.get(url() + "/_cluster/health");
        return health.isOk() && !health.body().contains("\"status\":\"red\"");
    }

    @Override
    public java.util.Map<String, String> stackEnv() {
        return java.util.Map.of(StackEnv.OPENSEARCH_URL, url());
    }
}
