package dk.overblik.stack;

import dk.overblik.simulator.Municipality;
import dk.overblik.stack.process.ProcessRecord;
import dk.overblik.stack.process.Processes;
import dk.overblik.stack.process.Started;
import dk.overblik.stack.server.Component;
import dk.overblik.stack.server.KafkaServer;
import dk.overblik.stack.server.KeycloakServer;
import dk.overblik.stack.server.OpenSearchServer;
import dk.overblik.stack.server.PostgresServer;
import dk.overblik.stack.service.ServiceComponent;
import dk.overblik.stack.service.ServiceComponent.Service;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local stack: four servers and four services as child processes, recorded by PID so that
 * {@code down} stops exactly what {@code up} started. Servers start in parallel; services start
 * once every server is ready, with the stack's addresses in their environment.
 */
public final class Stack {
    private final StackLayout layout;
    private final PortPlan ports;
    private final StackState state;
    private final PrintStream out;
    private final List<Component> servers;
    private final List<ServiceComponent> services;
    private volatile StackEnv env;

    public Stack(StackLayout layout, Map<String, String> environment, PrintStream out) {
        this.layout = layout;
        this.ports = PortPlan.load(layout, environment);
        this.state = StackState.load(layout);
        this.out = out;
        this.servers = List.of(
                new PostgresServer(layout, ports),
                new KafkaServer(layout, ports),
                new OpenSearchServer(layout, ports),
                new KeycloakServer(layout, ports));
        List<ServiceComponent> list = new ArrayList<>();
        for (Service service : Service.values()) {
            list.add(new ServiceComponent(service, layout, ports, () -> env));
        }
        this.services = List.copyOf(list);
    }

    public StackLayout layout() {
        return layout;
    }

    /** Starts whatever is not running yet and waits until all of it is ready; reuses what runs. */
    public StackEnv up(boolean withServices) {
        return up(withServices ? java.util.EnumSet.allOf(Service.class) : java.util.EnumSet.noneOf(Service.class));
    }

    /** Starts the servers and the chosen services (e.g. only the indexer for a benchmark). */
    public StackEnv up(java.util.Set<Service> chosen) {
        try (StackLock ignored = lock()) {
            List<ServiceComponent> wanted = services.stream().filter(s -> chosen.contains(s.service())).toList();
            // Choose every port first and remember them, so status and later ups agree.
            servers.forEach(c -> c.portNames().forEach(ports::port));
            wanted.forEach(c -> c.portNames().forEach(ports::port));
            ports.save();
            startAll(servers);
            env = new StackEnv(collectEnv(wanted));
            env.write(layout.envFile());
            if (!wanted.isEmpty()) {
                startAll(wanted);
            }
            return env;
        }
    }

    private Map<String, String> collectEnv(List<ServiceComponent> wanted) {
        Map<String, String> values = new LinkedHashMap<>();
        servers.forEach(s -> values.putAll(s.stackEnv()));
        wanted.forEach(s -> values.putAll(s.stackEnv()));
        values.put(StackEnv.TENANT_A, Municipality.A.cvr());
        values.put(StackEnv.TENANT_B, Municipality.B.cvr());
        return values;
    }

    private void startAll(List<? extends Component> components) {
        ExecutorService pool = Executors.newFixedThreadPool(components.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Component component : components) {
                futures.add(pool.submit(() -> start(component)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackException("Interrupted while starting the stack");
                }
            }
            if (!failures.isEmpty()) {
                throw new StackException(String.join("\n", failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void start(Component component) {
        Optional<ProcessRecord> running = state.find(component.name()).filter(ProcessRecord::isRunning);
        if (running.isPresent()) {
            awaitReady(component, null, running.get());
            out.println("  " + component.name() + ": already running (pid " + running.get().pid() + ")");
            component.afterReady();
            return;
        }
        component.portNames().forEach(ports::requireFree);
        component.prepare();
        Instant begin = Instant.now();
        Started started = Processes.startDetached(component.name(), component.command(), component.workDir(),
                component.environment(), layout.log(component.name()));
        state.put(started.record());
        awaitReady(component, started.process(), started.record());
        component.afterReady();
        out.printf("  %s: ready in %.1f s (pid %d)%n", component.name(),
                Duration.between(begin, Instant.now()).toMillis() / 1000.0, started.record().pid());
    }

    private void awaitReady(Component component, Process process, ProcessRecord record) {
        long deadline = System.nanoTime() + component.startTimeout().toNanos();
        while (!component.isReady()) {
            boolean exited = process != null ? !process.isAlive() : !record.isRunning();
            if (exited) {
                state.remove(component.name());
                String code = process != null ? " with exit code " + process.exitValue() : "";
                throw new StackException(component.name() + " exited" + code + " while starting. "
                        + LogTail.describe(record.log()));
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(component.name() + " did not become ready within "
                        + component.startTimeout().toSeconds() + " s. " + LogTail.describe(record.log()));
            }
            Processes.sleep(300);
        }
    }

    /** Stops everything the stack recorded: services first, then servers, each group in parallel. */
    public void down() {
        try (StackLock ignored = lock()) {
            List<ProcessRecord> records = new ArrayList<>(state.processes());
            long self = ProcessHandle.current().pid();
            records.removeIf(r -> r.pid() == self);
            List<ProcessRecord> first = records.stream().filter(r -> !isServer(r.name())).toList();
            List<ProcessRecord> then = records.stream().filter(r -> isServer(r.name())).toList();
            stopAll(first);
            stopAll(then);
            // The caller itself (the watchdog) ends right after this; forget it too.
            state.processes().stream().filter(r -> r.pid() == self).forEach(r -> state.remove(r.name()));
            try {
                Files.deleteIfExists(layout.envFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops the services only; the servers keep running. */
    public void downServices() {
        try (StackLock ignored = lock()) {
            stopAll(state.processes().stream().filter(r -> services.stream().anyMatch(s -> s.name().equals(r.name()))).toList());
        }
    }

    private boolean isServer(String name) {
        return servers.stream().anyMatch(s -> s.name().equals(name));
    }

    private void stopAll(List<ProcessRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(records.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ProcessRecord record : records) {
                futures.add(pool.submit(() -> {
                    Component component = component(record.name());
                    String signal = component != null ? component.stopSignal() : "TERM";
                    Duration grace = component != null ? component.stopTimeout() : Duration.ofSeconds(10);
                    boolean wasRunning = record.isRunning();
                    Processes.stop(record, signal, grace);
                    state.remove(record.name());
                    if (wasRunning) {
                        out.println("  " + record.name() + ": stopped");
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new StackException("Stopping failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    private Component component(String name) {
        for (Component c : servers) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        for (Component c : services) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** What runs, with its PID, port and log. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> list = new ArrayList<>();
        List<Component> all = new ArrayList<>(servers);
        all.addAll(services);
        for (Component c : all) {
            Optional<ProcessRecord> record = state.find(c.name());
            boolean running = record.map(ProcessRecord::isRunning).orElse(false);
            String port = c.portNames().isEmpty() ? "" : Integer.toString(ports.port(c.portNames().get(0)));
            list.add(new ComponentStatus(c.name(), record.map(ProcessRecord::pid).orElse(0L), running,
                    running && c.isReady(), port, layout.log(c.name())));
        }
        state.processes().stream().filter(r -> component(r.name()) == null)
                .forEach(r -> list.add(new ComponentStatus(r.name(), r.pid(), r.isRunning(), r.isRunning(), "", r.log())));
        return list;
    }

    public record ComponentStatus(String name, long pid, boolean running, boolean ready, String port, Path log) {
    }

    /** Whether anything of the stack runs (the calling process itself, e.g. the watchdog, not counted). */
    public boolean isRunning() {
        long self = ProcessHandle.current().pid();
        return state.processes().stream().anyMatch(r -> r.pid() != self && r.isRunning());
    }

    /** Stops the stack and deletes its data, logs and port choices; unpacked servers stay. */
    public void reset() {
        down();
        try (StackLock ignored = lock()) {
            deleteRecursively(layout.data());
            deleteRecursively(layout.logs());
            deleteRecursively(layout.stackDir().resolve("config"));
            Path postgresHome = layout.postgresHome();
            if (!postgresHome.equals(layout.stackDir())) {
                deleteRecursively(postgresHome.resolve("data"));
            }
            Files.deleteIfExists(layout.portsFile());
            Files.deleteIfExists(layout.envFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a process the stack should stop with everything else (the test watchdog). */
    public void record(ProcessRecord record) {
        state.put(record);
    }

    /** Serialises up, down and reset of one stack across processes (e.g. a user and the test watchdog). */
    private StackLock lock() {
        try {
            Files.createDirectories(layout.stackDir());
            FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new StackLock(channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + layout.lockFile(), e);
        }
    }

    private record StackLock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir);
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
