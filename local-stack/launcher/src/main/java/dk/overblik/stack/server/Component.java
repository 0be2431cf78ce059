package dk.overblik.stack.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Something the local stack runs as a child process: a server (Kafka, OpenSearch, PostgreSQL,
 * Keycloak) or one of the Overblik services. The {@link dk.overblik.stack.Stack} starts it,
 * waits until {@link #isReady()}, and stops it with {@link #stopSignal()}.
 */
public interface Component {

    String name();

    /** Port names (see {@link dk.overblik.stack.PortPlan}) this component listens on. */
    List<String> portNames();

    /** One-time preparation before the first start (unpack, format, initdb); must be idempotent. */
    default void prepare() {
    }

    List<String> command();

    default Map<String, String> environment() {
        return Map.of();
    }

    Path workDir();

    boolean isReady();

    /** Work after it is ready and before dependants start (create topics, databases). Idempotent. */
    default void afterReady() {
    }

    default String stopSignal() {
        return "TERM";
    }

    default Duration startTimeout() {
        return Duration.ofSeconds(180);
    }

    default Duration stopTimeout() {
        return Duration.ofSeconds(30);
    }

    /** What this component adds to stack.env. */
    Map<String, String> stackEnv();
}
