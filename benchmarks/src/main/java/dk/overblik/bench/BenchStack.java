package dk.overblik.bench;

import dk.overblik.stack.Stack;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackLayout;
import picocli.CommandLine.Option;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** What every benchmark shares: where the checkout is, a fresh stack in .overblik/bench/, and whether to keep it. */
final class BenchStack {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Option(names = "--keep", description = "Leave the bench stack running afterwards.")
    boolean keep;

    @Option(names = "--project-dir", description = "The Overblik checkout (default: found from the working folder).")
    Path projectDir;

    Path project() {
        return projectDir != null ? projectDir : StackLayout.findProjectDir(Path.of(""));
    }

    /** The bench stack, wiped: every run measures from the same empty start. */
    Stack fresh() {
        Stack stack = new Stack(StackLayout.bench(project()), System.getenv(), System.out);
        System.out.println("Fresh bench stack in " + stack.layout().stackDir());
        stack.reset();
        return stack;
    }

    void done(Stack stack) {
        if (!keep) {
            stack.down();
        }
    }

    /** A connection to one of the bench stack's databases, as the stack's superuser. */
    static Connection database(StackEnv env, String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env.get(StackEnv.POSTGRES_HOST) + ":" + env.get(StackEnv.POSTGRES_PORT)
                + "/" + name, env.get(StackEnv.POSTGRES_USER), "");
    }

    /** Seconds since {@code startNanos} (a System.nanoTime() value). */
    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
