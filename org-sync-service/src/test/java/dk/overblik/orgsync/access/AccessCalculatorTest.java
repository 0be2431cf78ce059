package dk.overblik.orgsync.access;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.orgsync.TestOrg;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dk.overblik.orgsync.TestOrg.BESKAEFTIGELSE;
import static dk.overblik.orgsync.TestOrg.BORGERSERVICE;
import static dk.overblik.orgsync.TestOrg.JOBCENTER;
import static dk.overblik.orgsync.TestOrg.ROOT;
import static dk.overblik.orgsync.TestOrg.SOCIAL;
import static dk.overblik.orgsync.TestOrg.TEAM_YDELSE;
import static dk.overblik.orgsync.TestOrg.YDELSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AccessCalculatorTest {
    private static final String TENANT = "55133018";
    private final OrgTree tree = new OrgTree(TestOrg.units());

    private UserRegistration user(String login) {
        return TestOrg.users().stream().filter(u -> u.userId().equals(login)).findFirst().orElseThrow();
    }

    @Test
    void kleIsInheritedDownTheChainOfInheritingUnits() {
        EffectiveAccess access = AccessCalculator.access(TENANT, tree, user("caseworker-a"), false);

        // Team Ydelse has no tasks of its own: 32.18 from Ydelser, and 32 from Social because Ydelser inherits too;
        // 32 covers 32.18, so the scope keeps 32. Own KLE 27.24 is added.
        assertThat(access.kleScope()).containsExactly("27.24", "32");
        assertThat(access.clearance()).isEqualTo(3);
        assertThat(access.orgScope()).containsExactly(TEAM_YDELSE.toString());
        assertThat(AccessCalculator.grants(tree, user("caseworker-a")))
                .extracting(KleGrant::kle, KleGrant::origin, KleGrant::unit, KleGrant::inheritedFrom)
                .containsExactly(
                        tuple("27.24", KleGrant.Origin.OWN, null, null),
                        tuple("32.18", KleGrant.Origin.INHERITED, TEAM_YDELSE, YDELSER),
                        tuple("32", KleGrant.Origin.INHERITED, TEAM_YDELSE, SOCIAL));
    }

    @Test
    void aUnitThatDoesNotInheritGetsNothingFromAbove() {
        UserRegistration jobcenterOnly = TestOrg.user("jc", List.of(JOBCENTER), List.of(), 2);

        assertThat(AccessCalculator.access(TENANT, tree, jobcenterOnly, false).kleScope()).isEmpty();
    }

    @Test
    void positionsInSeveralUnitsAddUpTheirKleAndSubtrees() {
        UserRegistration user = TestOrg.user("two", List.of(YDELSER, BESKAEFTIGELSE), List.of(), 2);

        EffectiveAccess access = AccessCalculator.access(TENANT, tree, user, true);

        assertThat(access.kleScope()).containsExactly("15", "32");
        assertThat(access.orgScope()).containsExactlyInAnyOrder(YDELSER.toString(), TEAM_YDELSE.toString(),
                BESKAEFTIGELSE.toString(), JOBCENTER.toString());
        assertThat(access.orgRestriction()).isTrue();
    }

    @Test
    void contactResponsibilitiesCountAsKleOfTheUnit() {
        assertThat(AccessCalculator.grants(tree, user("callcenter-a")))
                .extracting(KleGrant::kle, KleGrant::origin)
                .containsExactly(tuple("16.00", KleGrant.Origin.UNIT_TASK), tuple("27", KleGrant.Origin.UNIT_CONTACT));
    }

    @Test
    void theOrganisationScopeOfTheRootIsTheWholeTree() {
        assertThat(AccessCalculator.access(TENANT, tree, user("admin-a"), false).orgScope()).hasSize(7)
                .contains(ROOT.toString(), BORGERSERVICE.toString(), TEAM_YDELSE.toString());
    }

    @Test
    void aPositionInAnUnknownUnitGivesNothing() {
        UserRegistration stray = TestOrg.user("stray", List.of(TestOrg.id("gone")), List.of("02"), 1);

        EffectiveAccess access = AccessCalculator.access(TENANT, tree, stray, false);

        assertThat(access.kleScope()).containsExactly("02");
        assertThat(access.orgScope()).isEmpty();
    }

    @Test
    void reduceDropsEntriesABroaderEntryCoversButNotLookalikes() {
        assertThat(AccessCalculator.reduce(List.of("27.24.00", "27", "32.18", "32.18.08", "27.24", "32.1", "02")))
                .containsExactly("02", "27", "32.1", "32.18");
        assertThat(AccessCalculator.covers("32.1", "32.18")).isFalse();
        assertThat(AccessCalculator.covers("32", "32.18.08")).isTrue();
    }
}
