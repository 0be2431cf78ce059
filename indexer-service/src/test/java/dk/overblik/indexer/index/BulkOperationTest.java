package dk.overblik.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written action lines are the JSON a tree would give, with anything odd in names escaped. */
class BulkOperationTest {

    @Test
    void versionedIndexCarriesIndexIdAndExternalVersion() throws Exception {
        BulkWriter.Operation op = BulkWriter.Operation.versionedIndex("overblik-cases-write", "55133018:1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                1_764_000_000_123_456L, Map.of("title", "x"));
        JsonNode index = Json.mapper().readTree(op.action()).path("index");
        assertEquals("overblik-cases-write", index.path("_index").asText());
        assertEquals("55133018:1b4e28ba-2fa1-11d2-883f-0016d3cca427", index.path("_id").asText());
        assertEquals(1_764_000_000_123_456L, index.path("version").asLong());
        assertEquals("external", index.path("version_type").asText());
        assertEquals("x", Json.mapper().readTree(op.source()).path("title").asText());
        assertTrue(op.versioned());
    }

    @Test
    void scriptedUpdateEscapesItsId() throws Exception {
        String odd = "55133018:a \"quoted\" \\ name\n";
        BulkWriter.Operation op = BulkWriter.Operation.scriptedUpdate("overblik-ingest-quality-write", odd, Map.of());
        JsonNode update = Json.mapper().readTree(op.action()).path("update");
        assertEquals(odd, update.path("_id").asText());
        assertEquals(5, update.path("retry_on_conflict").asInt());
        assertFalse(new String(op.action()).contains("\n"), "an action must stay on one line of the bulk body");
        assertFalse(op.versioned());
    }

    @Test
    void onlyAMissingDocumentIsReadAsMissing() {
        assertTrue(new BulkWriter.Result(BulkWriter.Outcome.REJECTED,
                "document_missing_exception: [55133018:1]: document missing").missingDocument());
        assertFalse(new BulkWriter.Result(BulkWriter.Outcome.REJECTED, "script_exception: runtime error").missingDocument());
        assertFalse(BulkWriter.Result.WRITTEN.missingDocument());
    }
}
