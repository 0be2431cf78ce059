package dk.overblik.advis.triggers;

import dk.overblik.advis.rules.Trigger;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.value.Progress;
import dk.overblik.testsupport.SampleCases;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CaseTransitionsTest {
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Instant NOW = Instant.now();

    private static CaseRecord withProgress(CaseRecord c, Progress progress, Instant openedAt) {
        return new CaseRecord(c.id(), c.tenant(), c.sourceSystem(), c.caseNumber(), c.title(), c.titleAlternative(), c.description(),
                c.kle(), progress, c.sourceStatus(), c.sensitivity(), c.parties(), c.responsibleUnit(), c.primaryCaseworker(),
                openedAt, c.closedAt(), c.registeredAt(), c.deepLink());
    }

    private final CaseRecord recent = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Ny sag");

    @Test
    void aRecentlyOpenedCaseSeenFirstIsOpened() {
        assertThat(CaseTransitions.of(null, recent, WINDOW, NOW)).contains(Trigger.CASE_OPENED);
    }

    @Test
    void anOldOrClosedCaseSeenFirstRaisesNothing() {
        assertThat(CaseTransitions.of(null, withProgress(recent, Progress.OPLYST, recent.registeredAt().minus(400, ChronoUnit.DAYS)),
                WINDOW, NOW)).isEmpty();
        // Loaded today, registered by its source years ago just after it was opened: still an old case.
        assertThat(CaseTransitions.of(null, withProgress(recent, Progress.OPLYST, NOW.minus(1000, ChronoUnit.DAYS)), WINDOW,
                NOW)).isEmpty();
        assertThat(CaseTransitions.of(null, withProgress(recent, Progress.AFSLUTTET, recent.openedAt()), WINDOW, NOW)).isEmpty();
    }

    @Test
    void progressChangesAndClosingAreTold() {
        CaseTransitions.Tracked seen = new CaseTransitions.Tracked(Progress.OPSTAAET, recent.registeredAt().minusSeconds(60), false);
        assertThat(CaseTransitions.of(seen, recent, WINDOW, NOW)).contains(Trigger.CASE_PROGRESS_CHANGED);
        assertThat(CaseTransitions.of(seen, withProgress(recent, Progress.AFSLUTTET, recent.openedAt()), WINDOW, NOW))
                .contains(Trigger.CASE_CLOSED);
        assertThat(CaseTransitions.of(new CaseTransitions.Tracked(Progress.OPLYST, seen.registeredAt(), false), recent, WINDOW, NOW)).isEmpty();
    }

    @Test
    void onlyNewerRegistrationsCount() {
        CaseTransitions.Tracked seen = new CaseTransitions.Tracked(Progress.OPLYST, recent.registeredAt(), false);
        assertThat(CaseTransitions.isNewer(seen, recent.registeredAt())).isFalse();
        assertThat(CaseTransitions.isNewer(seen, recent.registeredAt().minusMillis(1))).isFalse();
        assertThat(CaseTransitions.isNewer(seen, recent.registeredAt().plusMillis(1))).isTrue();
        assertThat(CaseTransitions.isNewer(null, recent.registeredAt())).isTrue();
    }
}
