package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexDefinitionTest {

    @Test
    void firstVersionCarriesTheReadAliasAndTheWriteAliasAsWriteIndex() throws Exception {
        JsonNode aliases = Json.mapper().readTree(CaseIndex.DEFINITION.firstVersionBody()).path("aliases");
        assertEquals(2, aliases.size());
        assertTrue(aliases.has(CaseIndex.READ_ALIAS));
        assertFalse(aliases.path(CaseIndex.READ_ALIAS).path("is_write_index").asBoolean());
        assertTrue(aliases.path(CaseIndex.WRITE_ALIAS).path("is_write_index").asBoolean());
        assertEquals(CaseIndex.DEFINITION.name() + "-v1", CaseIndex.DEFINITION.version(1));
    }
}
