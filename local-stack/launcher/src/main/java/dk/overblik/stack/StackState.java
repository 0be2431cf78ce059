package dk.overblik.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import dk.overblik.contracts.json.Json;
import dk.overblik.stack.process.ProcessRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The processes a stack started, written after every start so that {@code down} stops exactly those. */
public final class StackState {
    private final Path file;
    private final List<ProcessRecord> processes;

    private StackState(Path file, List<ProcessRecord> processes) {
        this.file = file;
        this.processes = processes;
    }

    public static StackState load(StackLayout layout) {
        Path file = layout.stateFile();
        if (!Files.exists(file)) {
            return new StackState(file, new ArrayList<>());
        }
        try {
            List<ProcessRecord> records = Json.mapper().readValue(file.toFile(), new TypeReference<>() {
            });
            return new StackState(file, new ArrayList<>(records));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized List<ProcessRecord> processes() {
        return List.copyOf(processes);
    }

    public synchronized Optional<ProcessRecord> find(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public synchronized void put(ProcessRecord record) {
        processes.removeIf(p -> p.name().equals(record.name()));
        processes.add(record);
        save();
    }

    public synchronized void remove(String name) {
        processes.removeIf(p -> p.name().equals(name));
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            if (processes.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), processes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
