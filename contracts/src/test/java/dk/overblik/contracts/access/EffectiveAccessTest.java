package dk.overblik.contracts.access;

import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EffectiveAccessTest {
    private static final UUID UNIT = UUID.randomUUID();

    @Test
    void seesACaseOnlyWhenEveryRuleHolds() {
        EffectiveAccess access = new EffectiveAccess("55133018", "u", List.of("32", "27.24"), List.of(UNIT.toString()), 2, true);
        assertThat(access.sees("55133018", "32.12.00", 2, UNIT)).isTrue();
        assertThat(access.sees("55133018", "27.24.00", 1, UNIT)).isTrue();
        assertThat(access.sees("29189714", "32.12.00", 2, UNIT)).as("other municipality").isFalse();
        assertThat(access.sees("55133018", "27.25.00", 1, UNIT)).as("outside KLE scope").isFalse();
        assertThat(access.sees("55133018", "32.12.00", 3, UNIT)).as("above clearance").isFalse();
        assertThat(access.sees("55133018", "32.12.00", 2, UUID.randomUUID())).as("outside organisation scope").isFalse();
        EffectiveAccess unrestricted = new EffectiveAccess("55133018", "u", List.of("32"), List.of(), 2, false);
        assertThat(unrestricted.sees("55133018", "32.12.00", 2, UUID.randomUUID())).isTrue();
    }

    @Test
    void aDocumentsCaseEntryIsSeenByTheSameRulesOnItsDeepestSubject() {
        EffectiveAccess access = new EffectiveAccess("55133018", "u", List.of("32.12"), List.of(), 2, false);
        UUID caseId = UUID.randomUUID();
        var entry = new CaseAccess(caseId, true, 1, List.of("32", "32.12", "32.12.00"), UNIT, 2);
        assertThat(entry.visibleTo(access, "55133018")).isTrue();
        assertThat(entry.visibleTo(access, "29189714")).as("other municipality").isFalse();
        assertThat(new CaseAccess(caseId, true, 1, List.of("32"), UNIT, 2).visibleTo(access, "55133018"))
                .as("the subject is the deepest entry: main group 32 is not within scope 32.12").isFalse();
        assertThat(new CaseAccess(caseId, true, 1, List.of("32", "32.12", "32.12.00"), UNIT, 3).visibleTo(access, "55133018"))
                .as("above clearance").isFalse();
        assertThat(CaseAccess.unknown(caseId).visibleTo(access, "55133018")).as("missing or deleted case").isFalse();
    }
}
