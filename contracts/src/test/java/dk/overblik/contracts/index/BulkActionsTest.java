package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The unversioned index line; the versioned and update lines are checked through the indexer's BulkOperationTest. */
class BulkActionsTest {

    @Test
    void indexLineNamesIndexAndEscapedIdWithoutVersion() throws Exception {
        String odd = "id with \"quotes\"\nand a newline";
        byte[] line = BulkActions.index("bench-cases-v1", odd);
        JsonNode index = Json.mapper().readTree(line).path("index");
        assertEquals("bench-cases-v1", index.path("_index").asText());
        assertEquals(odd, index.path("_id").asText());
        assertFalse(index.has("version"));
        assertFalse(new String(line).contains("\n"), "an action must stay on one line of the bulk body");
    }
}
