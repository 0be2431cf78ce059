package dk.overblik.service.problem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Problems echo, and the log shows, the request's path: never a person number somebody put in it. */
class ProblemPathTest {

    @Test
    void aPersonNumberInAPathIsMaskedInEitherForm() {
        assertEquals("/api/v1/cases/*", ProblemMappers.withoutPersonNumbers("/api/v1/cases/0101801234"));
        assertEquals("/api/v1/cases/*/x", ProblemMappers.withoutPersonNumbers("/api/v1/cases/010180-1234/x"));
    }

    @Test
    void ordinaryPathsAreLeftAsTheyAre() {
        String caseId = "/api/v1/cases/3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b";
        assertEquals(caseId, ProblemMappers.withoutPersonNumbers(caseId));
        assertEquals("/api/v1/org-exports/55133018", ProblemMappers.withoutPersonNumbers("/api/v1/org-exports/55133018"));
    }
}
