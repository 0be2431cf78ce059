package dk.overblik.orgsync.importing;

import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.orgsync.TestOrg;
import dk.overblik.orgsync.publish.OutboxEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExportPlanTest {
    private static final String TENANT = "55133018";
    private static final ExportPlan.Stored NOTHING = new ExportPlan.Stored(Map.of(), Map.of(), Map.of());

    private static ExportPlan.Stored after(ExportPlan plan, ExportPlan.Stored before) {
        return plan.applyTo(before);
    }

    /** The state after a first import of {@code export}: stored hashes and the in-memory snapshot. */
    private record Imported(ExportPlan.Stored stored, ExportPlan.Snapshot snapshot) {
    }

    private static Imported imported(OrgExport export) {
        ExportPlan first = ExportPlan.of(export, NOTHING, false);
        return new Imported(after(first, NOTHING), ExportPlan.Snapshot.after(export, first, null, false));
    }

    @Test
    void aFirstExportWritesAndPublishesEverything() {
        ExportPlan plan = ExportPlan.of(TestOrg.export(TENANT), NOTHING, false);

        assertThat(plan.units()).isEqualTo(new SyncReport.Changes(7, 0, 0));
        assertThat(plan.users()).isEqualTo(new SyncReport.Changes(5, 0, 0));
        assertThat(plan.accessToWrite()).hasSize(5);
        assertThat(plan.outbox()).hasSize(7 + 5 + 5);
    }

    @Test
    void theSameExportAgainChangesAndPublishesNothing() {
        OrgExport export = TestOrg.export(TENANT);
        ExportPlan.Stored stored = after(ExportPlan.of(export, NOTHING, false), NOTHING);

        ExportPlan again = ExportPlan.of(export, stored, false);

        assertThat(again.changesNothing()).isTrue();
        assertThat(again.outbox()).isEmpty();
    }

    @Test
    void aChangedUnitRepublishesOnlyTheAccessOfTheUsersItAffects() {
        OrgExport export = TestOrg.export(TENANT);
        ExportPlan.Stored stored = after(ExportPlan.of(export, NOTHING, false), NOTHING);

        ExportPlan plan = ExportPlan.of(TestOrg.withUnit(export, TestOrg.YDELSER, u -> TestOrg.withTasks(u, List.of("32.18", "27.40"))),
                stored, false);

        assertThat(plan.units()).isEqualTo(new SyncReport.Changes(0, 1, 0));
        // Team Ydelse inherits from Ydelser: caseworker-a and dobbelt work there; nobody else is affected.
        assertThat(plan.accessToWrite()).extracting(ExportPlan.AccessRow::userId).containsExactlyInAnyOrder("caseworker-a", "dobbelt");
        assertThat(plan.outbox()).extracting(OutboxEntry::topic, OutboxEntry::key).containsExactlyInAnyOrder(
                org.assertj.core.api.Assertions.tuple(Topics.ORG, TENANT + "/" + TestOrg.YDELSER),
                org.assertj.core.api.Assertions.tuple(Topics.ACCESS, TENANT + "/caseworker-a"),
                org.assertj.core.api.Assertions.tuple(Topics.ACCESS, TENANT + "/dobbelt"));
    }

    @Test
    void aUserWhoLeavesIsEndedWithTombstones() {
        OrgExport export = TestOrg.export(TENANT);
        ExportPlan.Stored stored = after(ExportPlan.of(export, NOTHING, false), NOTHING);

        ExportPlan plan = ExportPlan.of(TestOrg.withoutUser(export, "dobbelt"), stored, false);

        assertThat(plan.users()).isEqualTo(new SyncReport.Changes(0, 0, 1));
        assertThat(plan.accessToEnd()).containsExactly("dobbelt");
        assertThat(plan.outbox()).allMatch(e -> e.payload() == null).extracting(OutboxEntry::key)
                .containsExactlyInAnyOrder(TENANT + "/" + TestOrg.id("user/dobbelt"), TENANT + "/dobbelt");
    }

    @Test
    void turningOrganisationRestrictionOnRepublishesEveryonesAccess() {
        OrgExport export = TestOrg.export(TENANT);
        ExportPlan.Stored stored = after(ExportPlan.of(export, NOTHING, false), NOTHING);

        ExportPlan plan = ExportPlan.of(export, stored, true);

        assertThat(plan.units().any() || plan.users().any()).isFalse();
        assertThat(plan.accessToWrite()).hasSize(5);
    }

    @Test
    void withTheLastGoodSnapshotThePlanIsTheSameAsWithHashesAlone() {
        OrgExport export = TestOrg.export(TENANT);
        Imported imported = imported(export);
        OrgExport changed = TestOrg.withoutUser(TestOrg.withUnit(export, TestOrg.SOCIAL, u -> TestOrg.withTasks(u, List.of("32", "28"))),
                "callcenter-a");

        ExportPlan fast = ExportPlan.of(changed, imported.stored(), imported.snapshot(), false);
        ExportPlan slow = ExportPlan.of(changed, imported.stored(), null, false);

        assertThat(fast.outbox()).isEqualTo(slow.outbox()).isNotEmpty();
        assertThat(fast.units()).isEqualTo(slow.units());
        assertThat(fast.users()).isEqualTo(slow.users());
        assertThat(fast.applyTo(imported.stored())).isEqualTo(slow.applyTo(imported.stored()));
        assertThat(ExportPlan.of(export, imported.stored(), imported.snapshot(), false).changesNothing()).isTrue();
    }

    @Test
    void onlyUsersInOrAboveChangedUnitsAreRecomputedAndTheResultEqualsAFullRecompute() {
        OrgExport export = TestOrg.export(TENANT);
        Imported imported = imported(export);
        // Move Team Ydelse under Jobcenter, end Borgerservice (moving callcenter-a to the root), add a unit under Social.
        List<dk.overblik.contracts.org.OrgUnitRegistration> units = new java.util.ArrayList<>(TestOrg.withUnit(export, TestOrg.TEAM_YDELSE,
                u -> TestOrg.withParent(u, TestOrg.JOBCENTER)).orgUnits());
        units.removeIf(u -> u.uuid().equals(TestOrg.BORGERSERVICE));
        units.add(TestOrg.unit(TestOrg.id("ny"), "Ny enhed", TestOrg.SOCIAL, List.of("02"), List.of(), true));
        List<dk.overblik.contracts.org.UserRegistration> users = export.users().stream()
                .map(u -> u.userId().equals("callcenter-a") ? TestOrg.user("callcenter-a", List.of(TestOrg.ROOT), List.of(), 2) : u)
                .toList();
        OrgExport changed = new OrgExport(TENANT, export.exportedAt(), units, users);

        ExportPlan fast = ExportPlan.of(changed, imported.stored(), imported.snapshot(), false);
        ExportPlan slow = ExportPlan.of(changed, imported.stored(), null, false);

        assertThat(fast.outbox()).isEqualTo(slow.outbox());
        assertThat(ExportPlan.Snapshot.after(changed, fast, imported.snapshot(), false).access())
                .isEqualTo(ExportPlan.Snapshot.after(changed, slow, null, false).access())
                .hasSize(changed.users().size());
        assertThat(fast.accessToWrite()).extracting(ExportPlan.AccessRow::userId)
                .containsExactlyInAnyOrder("caseworker-a", "dobbelt", "callcenter-a", "admin-a", "auditor-a");
        assertThat(ExportPlan.of(export, imported.stored(), imported.snapshot(), true).accessToWrite()).hasSize(5);
    }

    @Test
    void aUserWhoseLoginChangesEndsTheOldLoginsAccess() {
        OrgExport export = TestOrg.export(TENANT);
        Imported imported = imported(export);
        List<dk.overblik.contracts.org.UserRegistration> users = export.users().stream()
                .map(u -> u.userId().equals("caseworker-a") ? new dk.overblik.contracts.org.UserRegistration(u.uuid(), "caseworker-a2",
                        u.name(), u.positions(), u.kle(), u.clearance()) : u)
                .toList();
        OrgExport renamed = new OrgExport(TENANT, export.exportedAt(), export.orgUnits(), users);

        ExportPlan plan = ExportPlan.of(renamed, imported.stored(), imported.snapshot(), false);

        assertThat(plan.accessToEnd()).containsExactly("caseworker-a");
        assertThat(plan.accessToWrite()).extracting(ExportPlan.AccessRow::userId).containsExactly("caseworker-a2");
        assertThat(plan.usersToEnd()).isEmpty();
        assertThat(plan.unitsToEnd()).isEmpty();
    }
}
