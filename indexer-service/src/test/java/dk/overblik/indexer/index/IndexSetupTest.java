package dk.overblik.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.index.IndexDefinition;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.testsupport.OverblikStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An index that exists gets the fields a newer template adds, so a release can write them at
 * once; a change that needs a reindex leaves the index as it is, still usable.
 */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class IndexSetupTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAME = "overblik-setup-test";
    private static final String TEMPLATES = "dk/overblik/indexer/setup/";

    @Inject
    OpenSearchJson openSearch;

    /** A new instance each time: an instance sets an index up once, as a service does from its start. */
    private void setUp(String template) {
        new IndexSetup(openSearch).ensure(new IndexDefinition(NAME, TEMPLATES + template)).await().atMost(WAIT);
    }

    private JsonNode write(String json) {
        return openSearch.send("POST", "/" + NAME + "-write/_doc?refresh=true", json.getBytes(StandardCharsets.UTF_8), "application/json")
                .await().atMost(WAIT);
    }

    private JsonNode mappedProperties() {
        JsonNode mappings = openSearch.send("GET", "/" + NAME + "-write/_mapping", null, null).await().atMost(WAIT);
        return mappings.elements().next().path("mappings").path("properties");
    }

    @Test
    void anExistingIndexGetsTheFieldsItsTemplateAddsAndKeepsThoseThatNeedAReindex() {
        // From nothing, also when the stack is older than this run.
        openSearch.send("DELETE", "/" + NAME + "-v*", null, null).await().atMost(WAIT);
        setUp("mapping-v1-template.json");
        write("{\"name\": \"first\"}");
        assertThatThrownBy(() -> write("{\"name\": \"second\", \"count\": 2}"))
                .isInstanceOfSatisfying(OpenSearchJson.Failure.class, f -> assertThat(f.type()).isEqualTo("strict_dynamic_mapping_exception"));

        setUp("mapping-v2-template.json");
        assertThat(mappedProperties().path("count").path("type").asText()).isEqualTo("long");
        assertThat(write("{\"name\": \"second\", \"count\": 2}").path("result").asText()).isEqualTo("created");

        // A field's type cannot change in place: the setup still completes, and the index keeps its mapping.
        setUp("mapping-conflict-template.json");
        assertThat(mappedProperties().path("name").path("type").asText()).isEqualTo("keyword");
        assertThat(write("{\"name\": \"third\", \"count\": 3}").path("result").asText()).isEqualTo("created");
        assertThat(openSearch.send("GET", "/" + NAME + "/_count", null, null).await().atMost(WAIT).path("count").asLong())
                .isEqualTo(3);
    }
}
