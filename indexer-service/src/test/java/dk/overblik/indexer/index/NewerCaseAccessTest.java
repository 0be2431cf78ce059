package dk.overblik.indexer.index;

import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document is updated only with the case versions it lacks, and only with its own cases'; of a
 * case of another source system it takes only the version, as an unknown entry.
 */
class NewerCaseAccessTest {
    private static final String TENANT = "55133018";
    private static final String SYSTEM = "esdh";
    private static final UUID OLDER_HELD = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID CURRENT_HELD = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID UNKNOWN_HELD = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final UUID NOT_ITS_CASE = UUID.fromString("00000000-0000-4000-8000-000000000004");

    private static CaseAccess access(UUID caseId, long version) {
        return new CaseAccess(caseId, true, version, List.of("32", "32.18"), UUID.randomUUID(), 1);
    }

    private static CaseAccessPropagation.CurrentCase current(CaseAccess access) {
        return new CaseAccessPropagation.CurrentCase(SYSTEM, access);
    }

    /** What a document holds: an older version of one case, the current one of another, and a case not seen yet. */
    private static final List<CaseAccessPropagation.HeldCase> HELD = List.of(
            new CaseAccessPropagation.HeldCase(OLDER_HELD.toString(), 100),
            new CaseAccessPropagation.HeldCase(CURRENT_HELD.toString(), 200),
            new CaseAccessPropagation.HeldCase(UNKNOWN_HELD.toString(), -1));

    @Test
    void takesOnlyNewerVersionsOfItsOwnCases() {
        CaseAccess newer = access(OLDER_HELD, 101);
        // Of another source system: passed on all the same, for the update script to take its version alone.
        CaseAccessPropagation.CurrentCase firstVersion = new CaseAccessPropagation.CurrentCase("jobcenter", access(UNKNOWN_HELD, 5));
        Map<String, CaseAccessPropagation.CurrentCase> updates = Map.of(
                TENANT + ":" + OLDER_HELD, current(newer),
                TENANT + ":" + CURRENT_HELD, current(access(CURRENT_HELD, 200)),
                TENANT + ":" + UNKNOWN_HELD, firstVersion,
                TENANT + ":" + NOT_ITS_CASE, current(access(NOT_ITS_CASE, 999)));

        Map<String, CaseAccessPropagation.CurrentCase> lacking = CaseAccessPropagation.newerThanHeld(TENANT, HELD, updates);

        assertEquals(Map.of(TENANT + ":" + OLDER_HELD, current(newer), TENANT + ":" + UNKNOWN_HELD, firstVersion), lacking);
    }

    @Test
    void twoVersionsOfADocumentInOneBatchLeaveTheCatchUpTheCasesOfBoth() {
        // The newer version (written, on a case not indexed at write time) came first; the older one (stale) after it.
        DocumentIndexer.Holding written = new DocumentIndexer.Holding(TENANT,
                List.of(new CaseAccessPropagation.HeldCase(UNKNOWN_HELD.toString(), -1)));
        DocumentIndexer.Holding stale = new DocumentIndexer.Holding(TENANT,
                List.of(new CaseAccessPropagation.HeldCase(OLDER_HELD.toString(), -1)));
        CaseAccess arrivedMeanwhile = access(UNKNOWN_HELD, 5);
        Map<String, CaseAccessPropagation.CurrentCase> now = Map.of(TENANT + ":" + UNKNOWN_HELD, current(arrivedMeanwhile),
                TENANT + ":" + OLDER_HELD, current(access(OLDER_HELD, 7)));

        DocumentIndexer.Holding both = written.and(stale);

        assertEquals(TENANT, both.tenant());
        Map<String, CaseAccessPropagation.CurrentCase> lacking = CaseAccessPropagation.newerThanHeld(TENANT, both.cases(), now);
        assertEquals(current(arrivedMeanwhile), lacking.get(TENANT + ":" + UNKNOWN_HELD));
        assertEquals(2, lacking.size());
    }

    @Test
    void ofTwoVersionsHeldOfOneCaseTheLowerCounts() {
        DocumentIndexer.Holding a = new DocumentIndexer.Holding(TENANT, List.of(new CaseAccessPropagation.HeldCase(OLDER_HELD.toString(), 100)));
        DocumentIndexer.Holding b = new DocumentIndexer.Holding(TENANT, List.of(new CaseAccessPropagation.HeldCase(OLDER_HELD.toString(), -1)));
        assertEquals(List.of(new CaseAccessPropagation.HeldCase(OLDER_HELD.toString(), -1)), a.and(b).cases());
        assertEquals(List.of(new CaseAccessPropagation.HeldCase(OLDER_HELD.toString(), -1)), b.and(a).cases());
    }

    @Test
    void theSameCaseIdInAnotherMunicipalityIsAnotherCase() {
        Map<String, CaseAccessPropagation.CurrentCase> updates = Map.of("29189714:" + OLDER_HELD, current(access(OLDER_HELD, 101)));
        assertTrue(CaseAccessPropagation.newerThanHeld(TENANT, HELD, updates).isEmpty());
    }

    @Test
    void aCaseOfAnotherSourceSystemGivesADocumentItsVersionAndNoAccess() {
        CaseAccess newer = access(OLDER_HELD, 101);
        CaseAccessPropagation.CurrentCase jobcenterCase = new CaseAccessPropagation.CurrentCase("jobcenter", newer);

        assertEquals(new CaseAccess(OLDER_HELD, false, 101, List.of(), null, null),
                CaseAccessPropagation.CurrentCase.forDocument(jobcenterCase, SYSTEM, OLDER_HELD));
        assertEquals(newer, CaseAccessPropagation.CurrentCase.forDocument(jobcenterCase, "jobcenter", OLDER_HELD));
        assertEquals(CaseAccess.unknown(OLDER_HELD), CaseAccessPropagation.CurrentCase.forDocument(null, SYSTEM, OLDER_HELD));
    }
}
