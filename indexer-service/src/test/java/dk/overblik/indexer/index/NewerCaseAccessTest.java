package dk.overblik.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import dk.overblik.contracts.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A document is updated only with the case versions it lacks, and only with its own cases'. */
class NewerCaseAccessTest {
    private static final String TENANT = "55133018";
    private static final UUID OLDER_HELD = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID CURRENT_HELD = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID UNKNOWN_HELD = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final UUID NOT_ITS_CASE = UUID.fromString("00000000-0000-4000-8000-000000000004");

    private static CaseAccess access(UUID caseId, long version) {
        return new CaseAccess(caseId, true, version, List.of("32", "32.18"), UUID.randomUUID(), 1);
    }

    private static JsonNode document(String tenant) throws Exception {
        return Json.mapper().readTree("""
                {"tenant": "%s", "cases": [
                  {"caseId": "%s", "caseVersion": 100},
                  {"caseId": "%s", "caseVersion": 200},
                  {"caseId": "%s", "caseVersion": -1}]}""".formatted(tenant, OLDER_HELD, CURRENT_HELD, UNKNOWN_HELD));
    }

    @Test
    void takesOnlyNewerVersionsOfItsOwnCases() throws Exception {
        CaseAccess newer = access(OLDER_HELD, 101);
        CaseAccess firstVersion = access(UNKNOWN_HELD, 5);
        Map<String, CaseAccess> updates = Map.of(
                TENANT + ":" + OLDER_HELD, newer,
                TENANT + ":" + CURRENT_HELD, access(CURRENT_HELD, 200),
                TENANT + ":" + UNKNOWN_HELD, firstVersion,
                TENANT + ":" + NOT_ITS_CASE, access(NOT_ITS_CASE, 999));

        Map<String, CaseAccess> lacking = CaseAccessPropagation.newerFor(document(TENANT), updates);

        assertEquals(Map.of(TENANT + ":" + OLDER_HELD, newer, TENANT + ":" + UNKNOWN_HELD, firstVersion), lacking);
    }

    @Test
    void theSameCaseIdInAnotherMunicipalityIsAnotherCase() throws Exception {
        Map<String, CaseAccess> updates = Map.of("29189714:" + OLDER_HELD, access(OLDER_HELD, 101));
        assertTrue(CaseAccessPropagation.newerFor(document(TENANT), updates).isEmpty());
    }
}
