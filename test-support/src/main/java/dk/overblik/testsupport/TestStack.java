package dk.overblik.testsupport;

import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackLayout;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.process.Http;
import dk.overblik.stack.process.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real servers the tests run against: Kafka, OpenSearch, PostgreSQL and Keycloak, in
 * {@code .overblik/test/}. The first test of a build starts them through the launcher, with a
 * watchdog on the Maven process that stops them when the build ends, however it ends; every
 * later test (in any module) finds them running and reuses them.
 */
public final class TestStack {
    private static StackEnv env;

    private TestStack() {
    }

    public static synchronized StackEnv ensureRunning() {
        if (env != null) {
            return env;
        }
        Path project = StackLayout.findProjectDir(Path.of(""));
        StackLayout layout = StackLayout.test(project);
        env = StackEnv.read(layout.envFile()).filter(TestStack::answers).orElseGet(() -> start(layout));
        return env;
    }

    public static Tokens tokens() {
        return new Tokens(ensureRunning().get(StackEnv.OIDC_ISSUER));
    }

    public static Path projectDir() {
        return StackLayout.findProjectDir(Path.of(""));
    }

    private static boolean answers(StackEnv env) {
        return env.find(StackEnv.KAFKA_BOOTSTRAP).map(b -> Ports.isListening(Integer.parseInt(b.substring(b.lastIndexOf(':') + 1)))).orElse(false)
                && env.find(StackEnv.POSTGRES_PORT).map(p -> Ports.isListening(Integer.parseInt(p))).orElse(false)
                && env.find(StackEnv.OPENSEARCH_URL).map(u -> Http.get(u + "/_cluster/health").isOk()).orElse(false)
                && env.find(StackEnv.OIDC_ISSUER).map(u -> Http.get(u + "/.well-known/openid-configuration").isOk()).orElse(false);
    }

    private static StackEnv start(StackLayout layout) {
        long buildPid = buildProcess().pid();
        System.out.println("[test-stack] starting real servers in " + layout.stackDir() + " (stopped when the build ends)");
        launcher(layout, "up", "--servers-only", "--detach", "--fresh", "--watch-pid", Long.toString(buildPid));
        return StackEnv.read(layout.envFile()).orElseThrow(() -> new IllegalStateException("The test stack wrote no stack.env"));
    }

    /**
     * The process whose end should stop the servers: the Maven JVM running this build (surefire
     * forks test JVMs through a shell, so it is not always the parent), else the parent (an IDE).
     */
    static ProcessHandle buildProcess() {
        ProcessHandle current = ProcessHandle.current();
        for (ProcessHandle p = current.parent().orElse(null); p != null; p = p.parent().orElse(null)) {
            String commandLine = p.info().commandLine().orElse("");
            if (commandLine.contains("org.codehaus.plexus.classworlds.launcher.Launcher")) {
                return p;
            }
        }
        return current.parent().orElse(current);
    }

    /**
     * Starts the four services from their packaged applications against the test stack, the way
     * {@code ./overblik up} does, and returns the stack's addresses including the services'.
     */
    public static synchronized StackEnv startServices() {
        StackLayout layout = StackLayout.test(projectDir());
        ensureRunning();
        launcher(layout, "up", "--detach", "--no-demo");
        env = StackEnv.read(layout.envFile()).orElseThrow(() -> new IllegalStateException("The test stack wrote no stack.env"));
        return env;
    }

    public static synchronized void stopServices() {
        launcher(StackLayout.test(projectDir()), "down", "--services-only");
    }

    private static void launcher(StackLayout layout, String... args) {
        Path launcher = layout.projectDir().resolve("local-stack/launcher/target");
        if (!Files.isRegularFile(launcher.resolve("local-stack-launcher.jar"))) {
            throw new IllegalStateException("The launcher is not packaged (" + launcher
                    + "); run the tests through ./mvnw verify, which packages it first.");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", launcher.resolve("local-stack-launcher.jar") + ":" + launcher.resolve("lib") + "/*",
                "dk.overblik.stack.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--stack", StackLayout.TEST, "--project-dir", layout.projectDir().toString()));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("The launcher did not finish within 15 minutes: " + String.join(" ", args));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("The launcher failed (exit " + process.exitValue() + ") on '"
                        + String.join(" ", args) + "'; see the output above and " + layout.logs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running the launcher", e);
        }
    }
}
