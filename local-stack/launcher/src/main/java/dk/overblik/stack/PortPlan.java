package dk.overblik.stack;

import dk.overblik.stack.process.Ports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which port each component listens on. The developer's stack prefers well-known ports and keeps
 * what it chose (ports.properties) so URLs stay the same across down and up; Kafka's controller
 * port must stay, as the formatted metadata names it. {@code OVERBLIK_PORT_<NAME>} in the
 * environment forces a port. The test stack takes free ports every time it starts.
 */
public final class PortPlan {
    public static final Map<String, Integer> DEV_DEFAULTS = Map.ofEntries(
            Map.entry("kafka", 9092),
            Map.entry("kafka-controller", 9093),
            Map.entry("opensearch", 9200),
            Map.entry("postgres", 5432),
            Map.entry("keycloak", 8180),
            Map.entry("keycloak-management", 9180),
            Map.entry("indexer", 8081),
            Map.entry("overview", 8082),
            Map.entry("advis", 8083),
            Map.entry("orgsync", 8084));

    private final Path file;
    private final Map<String, Integer> ports = new TreeMap<>();
    private final boolean preferDefaults;
    private final Map<String, String> environment;

    private PortPlan(Path file, boolean preferDefaults, Map<String, String> environment) {
        this.file = file;
        this.preferDefaults = preferDefaults;
        this.environment = environment;
    }

    public static PortPlan load(StackLayout layout, Map<String, String> environment) {
        boolean dev = StackLayout.DEV.equals(layout.name());
        PortPlan plan = new PortPlan(layout.portsFile(), dev, environment);
        if (Files.exists(plan.file)) {
            Properties saved = new Properties();
            try (Reader reader = Files.newBufferedReader(plan.file)) {
                saved.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            saved.forEach((k, v) -> plan.ports.put((String) k, Integer.parseInt((String) v)));
        }
        return plan;
    }

    /** The port of a component, choosing (and remembering) one on first use. */
    public synchronized int port(String name) {
        String forced = environment.get("OVERBLIK_PORT_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (forced != null) {
            int port = Integer.parseInt(forced.trim());
            ports.put(name, port);
            return port;
        }
        return ports.computeIfAbsent(name, this::choose);
    }

    private int choose(String name) {
        Integer preferred = DEV_DEFAULTS.get(name);
        if (preferDefaults && preferred != null && Ports.isFree(preferred)) {
            return preferred;
        }
        return Ports.freePort();
    }

    /** Fails with a clear message when something else already listens on the component's port. */
    public void requireFree(String name) {
        int port = port(name);
        if (!Ports.isFree(port)) {
            throw new StackException("Port " + port + " (" + name + ") is taken by another process. Stop that process, "
                    + "set OVERBLIK_PORT_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + " to another port, "
                    + "or run ./overblik reset to choose new ports.");
        }
    }

    public synchronized void save() {
        Properties props = new Properties();
        ports.forEach((k, v) -> props.setProperty(k, Integer.toString(v)));
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                props.store(writer, "Ports of the local stack; delete (or ./overblik reset) to choose again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
