package dk.overblik.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's addresses as KEY=VALUE lines ({@code .overblik/stack.env}). The keys double as
 * configuration keys of the services, which read them from the environment (or, in tests, from
 * the test resource), so one file wires everything.
 */
public final class StackEnv {
    public static final String KAFKA_BOOTSTRAP = "KAFKA_BOOTSTRAP";
    public static final String OPENSEARCH_URL = "OPENSEARCH_URL";
    public static final String POSTGRES_URL = "POSTGRES_URL";
    public static final String POSTGRES_HOST = "POSTGRES_HOST";
    public static final String POSTGRES_PORT = "POSTGRES_PORT";
    public static final String POSTGRES_USER = "POSTGRES_USER";
    public static final String OIDC_ISSUER = "OIDC_ISSUER";
    public static final String KEYCLOAK_URL = "KEYCLOAK_URL";
    public static final String INDEXER_URL = "INDEXER_URL";
    public static final String OVERVIEW_URL = "OVERVIEW_URL";
    public static final String ADVIS_URL = "ADVIS_URL";
    public static final String ORGSYNC_URL = "ORGSYNC_URL";
    public static final String TENANT_A = "TENANT_A";
    public static final String TENANT_B = "TENANT_B";

    private final Map<String, String> values;

    public StackEnv(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public static Optional<StackEnv> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            return Optional.of(new StackEnv(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) {
        StringBuilder text = new StringBuilder("# Written by ./overblik up: the local stack's addresses.\n");
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("stack.env has no " + key);
        }
        return value;
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public StackEnv with(String key, String value) {
        StackEnv copy = new StackEnv(values);
        copy.values.put(key, value);
        return copy;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
