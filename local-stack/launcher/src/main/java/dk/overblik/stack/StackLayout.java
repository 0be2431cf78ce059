package dk.overblik.stack;

import dk.overblik.stack.process.Processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a stack keeps its state. The developer's stack lives in {@code .overblik/} of the
 * checkout; the one the tests start lives in {@code .overblik/test/}, so a test run never
 * touches the developer's data. Server runtimes come from the build (module target folders).
 */
public record StackLayout(Path projectDir, Path stackDir, String name) {

    public static final String DEV = "dev";
    public static final String TEST = "test";
    public static final String BENCH = "bench";

    public static StackLayout dev(Path projectDir) {
        return new StackLayout(projectDir, projectDir.resolve(".overblik"), DEV);
    }

    public static StackLayout test(Path projectDir) {
        return new StackLayout(projectDir, projectDir.resolve(".overblik").resolve("test"), TEST);
    }

    /** The benchmarks' own stack in {@code .overblik/bench/}: fresh for every run, never the developer's data. */
    public static StackLayout bench(Path projectDir) {
        return new StackLayout(projectDir, projectDir.resolve(".overblik").resolve(BENCH), BENCH);
    }

    public static StackLayout named(Path projectDir, String name) {
        return switch (name) {
            case DEV -> dev(projectDir);
            case TEST -> test(projectDir);
            case BENCH -> bench(projectDir);
            default -> throw new StackException("Unknown stack " + name + " (dev, test or bench)");
        };
    }

    /** The checkout root: the nearest folder at or above {@code start} holding the Maven wrapper. */
    public static Path findProjectDir(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside an Overblik checkout: " + start.toAbsolutePath());
    }

    public Path envFile() {
        return stackDir.resolve("stack.env");
    }

    public Path stateFile() {
        return stackDir.resolve("stack.json");
    }

    public Path portsFile() {
        return stackDir.resolve("ports.properties");
    }

    public Path logs() {
        return stackDir.resolve("logs");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path data() {
        return stackDir.resolve("data");
    }

    public Path data(String component) {
        return data().resolve(component);
    }

    public Path servers() {
        return stackDir.resolve("servers");
    }

    public Path lockFile() {
        return stackDir.resolve(".lock");
    }

    public Path kafkaLib() {
        return projectDir.resolve("local-stack/kafka-broker/target/lib");
    }

    public Path openSearchLib() {
        return projectDir.resolve("local-stack/opensearch-node/target/lib");
    }

    /** Keycloak's distribution and PostgreSQL's binaries, copied from Maven by the launcher's build. */
    public Path serverArchives() {
        return projectDir.resolve("local-stack/launcher/target/servers");
    }

    public Path serviceJar(String module) {
        return projectDir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * PostgreSQL refuses to run as root, so as root it runs as {@code nobody}, who must be able to
     * reach its binaries and data. When the checkout lies under a folder {@code nobody} cannot
     * traverse (e.g. /root), PostgreSQL's files go to a per-checkout folder under /var/tmp.
     */
    public Path postgresHome() {
        if (!Processes.isRoot() || isTraversableByOthers(stackDir)) {
            return stackDir;
        }
        return Path.of("/var/tmp", "overblik-" + shortHash(stackDir.toString()));
    }

    private static boolean isTraversableByOthers(Path dir) {
        try {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
