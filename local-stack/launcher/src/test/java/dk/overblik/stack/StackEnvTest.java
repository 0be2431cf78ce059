package dk.overblik.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackEnvTest {

    @Test
    void writesKeyValueLinesAndReadsThemBack(@TempDir Path dir) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(StackEnv.KAFKA_BOOTSTRAP, "127.0.0.1:9092");
        values.put(StackEnv.POSTGRES_URL, "postgresql://postgres@127.0.0.1:5432");
        values.put(StackEnv.OIDC_ISSUER, "http://127.0.0.1:8180/realms/overblik");
        Path file = dir.resolve("stack.env");

        new StackEnv(values).write(file);

        assertThat(Files.readAllLines(file)).contains("KAFKA_BOOTSTRAP=127.0.0.1:9092",
                "POSTGRES_URL=postgresql://postgres@127.0.0.1:5432", "OIDC_ISSUER=http://127.0.0.1:8180/realms/overblik");
        assertThat(StackEnv.read(file)).hasValueSatisfying(env -> assertThat(env.asMap()).isEqualTo(values));
    }

    @Test
    void aMissingFileIsEmptyAndAMissingKeyIsAnError(@TempDir Path dir) {
        assertThat(StackEnv.read(dir.resolve("none.env"))).isEmpty();
        assertThatThrownBy(() -> new StackEnv(Map.of()).get(StackEnv.OPENSEARCH_URL)).hasMessageContaining("OPENSEARCH_URL");
    }
}
