package dk.overblik.contracts.org;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class OrgExportCheckTest {
    private static final UUID ROOT = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID SOCIAL = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID TEAM = UUID.fromString("00000000-0000-4000-8000-000000000003");

    private static OrgUnitRegistration unit(UUID id, UUID parent, List<String> tasks) {
        return new OrgUnitRegistration(id, "K" + id.toString().substring(34), "Enhed " + id.toString().substring(34), parent, tasks, List.of(), true);
    }

    private static UserRegistration user(String login, UUID unit, int clearance, List<String> kle) {
        return new UserRegistration(UUID.nameUUIDFromBytes(login.getBytes()), login, "Navn " + login,
                List.of(new UserRegistration.Position("Sagsbehandler", unit)), kle, clearance);
    }

    private static OrgExport valid() {
        return new OrgExport("55133018", Instant.parse("2026-01-01T00:00:00Z"),
                List.of(unit(ROOT, null, List.of()), unit(SOCIAL, ROOT, List.of("27", "32.18")), unit(TEAM, SOCIAL, List.of("27.24.00"))),
                List.of(user("caseworker-a", TEAM, 3, List.of("15")), user("callcenter-a", ROOT, 2, List.of())));
    }

    @Test
    void aWellFormedExportHasNoViolationsAndSurvivesJson() throws Exception {
        OrgExport export = valid();
        assertThat(OrgExportCheck.check(export)).isEmpty();
        String json = Json.toString(export);
        assertThat(json).contains("\"OrgUnits\"", "\"ParentOrgUnitUuid\"", "\"ContactForTasks\"", "\"UserId\"", "\"OrgUnitUuid\"");
        assertThat(Json.mapper().readValue(json, OrgExport.class)).isEqualTo(export);
    }

    @Test
    void refusesDuplicateIdsAndLogins() {
        OrgExport export = valid();
        List<OrgUnitRegistration> units = new ArrayList<>(export.orgUnits());
        units.add(unit(TEAM, SOCIAL, List.of()));
        List<UserRegistration> users = new ArrayList<>(export.users());
        users.add(user("caseworker-a", TEAM, 2, List.of()));
        assertThat(codes(new OrgExport(export.municipality(), export.exportedAt(), units, users)))
                .contains(tuple("OrgUnits[3].Uuid", ViolationCode.DUPLICATE), tuple("Users[2].UserId", ViolationCode.DUPLICATE));
    }

    @Test
    void refusesAUserWithTheIdOfAUnit() {
        OrgExport export = valid();
        UserRegistration first = export.users().get(0);
        List<UserRegistration> users = new ArrayList<>(export.users());
        users.set(0, new UserRegistration(SOCIAL, first.userId(), first.name(), first.positions(), first.kle(), first.clearance()));
        assertThat(codes(new OrgExport(export.municipality(), export.exportedAt(), export.orgUnits(), users)))
                .containsExactly(tuple("Users[0].Uuid", ViolationCode.DUPLICATE));
    }

    @Test
    void refusesUnknownParentsAndCycles() {
        UUID ghost = UUID.fromString("00000000-0000-4000-8000-000000000099");
        OrgExport unknownParent = new OrgExport("55133018", Instant.now(),
                List.of(unit(ROOT, null, List.of()), unit(SOCIAL, ghost, List.of())), List.of());
        assertThat(codes(unknownParent)).contains(tuple("OrgUnits[1].ParentOrgUnitUuid", ViolationCode.INCONSISTENT));

        OrgExport cycle = new OrgExport("55133018", Instant.now(),
                List.of(unit(ROOT, null, List.of()), unit(SOCIAL, TEAM, List.of()), unit(TEAM, SOCIAL, List.of())), List.of());
        assertThat(codes(cycle)).contains(tuple("OrgUnits[1].ParentOrgUnitUuid", ViolationCode.INCONSISTENT),
                tuple("OrgUnits[2].ParentOrgUnitUuid", ViolationCode.INCONSISTENT));
    }

    @Test
    void needsExactlyOneRoot() {
        OrgExport twoRoots = new OrgExport("55133018", Instant.now(),
                List.of(unit(ROOT, null, List.of()), unit(SOCIAL, null, List.of())), List.of());
        assertThat(codes(twoRoots)).containsExactly(tuple("OrgUnits", ViolationCode.INCONSISTENT));
    }

    @Test
    void refusesMalformedKleBadClearanceAndPositionsInUnknownUnits() {
        OrgExport export = new OrgExport("55133018", Instant.now(),
                List.of(unit(ROOT, null, List.of("27.2"))),
                List.of(user("a", ROOT, 0, List.of("x")), user("b", UUID.randomUUID(), 5, List.of())));
        assertThat(codes(export)).containsExactlyInAnyOrder(
                tuple("OrgUnits[0].Tasks[0]", ViolationCode.BAD_KLE_SUBJECT),
                tuple("Users[0].Clearance", ViolationCode.OUT_OF_RANGE),
                tuple("Users[0].Kle[0]", ViolationCode.BAD_KLE_SUBJECT),
                tuple("Users[1].Clearance", ViolationCode.OUT_OF_RANGE),
                tuple("Users[1].Positions[0].OrgUnitUuid", ViolationCode.INCONSISTENT));
    }

    @Test
    void theMunicipalityIsACvrNumber() {
        OrgExport export = new OrgExport("751", Instant.now(), valid().orgUnits(), valid().users());
        assertThat(codes(export)).containsExactly(tuple("Municipality", ViolationCode.BAD_TENANT));
    }

    private static List<org.assertj.core.groups.Tuple> codes(OrgExport export) {
        return OrgExportCheck.check(export).stream().map(v -> tuple(v.path(), v.code())).toList();
    }
}
