package dk.overblik.orgsync;

import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A small municipality for tests:
 * <pre>
 * Kommune (root)
 * ├── Social (tasks 32)
 * │   └── Ydelser (tasks 32.18, inherits)
 * │       └── Team Ydelse (no tasks, inherits)
 * ├── Beskæftigelse (tasks 15)
 * │   └── Jobcenter (no tasks, does not inherit)
 * └── Borgerservice (tasks 16.00, contact for 27)
 * </pre>
 * caseworker-a works in Team Ydelse (own KLE 27.24), callcenter-a in Borgerservice, admin-a at
 * the root, and "dobbelt" holds positions in Team Ydelse and Jobcenter.
 */
public final class TestOrg {
    public static final UUID ROOT = id("root");
    public static final UUID SOCIAL = id("social");
    public static final UUID YDELSER = id("ydelser");
    public static final UUID TEAM_YDELSE = id("team-ydelse");
    public static final UUID BESKAEFTIGELSE = id("beskaeftigelse");
    public static final UUID JOBCENTER = id("jobcenter");
    public static final UUID BORGERSERVICE = id("borgerservice");

    private TestOrg() {
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("test-org/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static List<OrgUnitRegistration> units() {
        return List.of(
                unit(ROOT, "Kommune", null, List.of(), List.of(), false),
                unit(SOCIAL, "Social", ROOT, List.of("32"), List.of(), false),
                unit(YDELSER, "Ydelser", SOCIAL, List.of("32.18"), List.of(), true),
                unit(TEAM_YDELSE, "Team Ydelse", YDELSER, List.of(), List.of(), true),
                unit(BESKAEFTIGELSE, "Beskæftigelse", ROOT, List.of("15"), List.of(), false),
                unit(JOBCENTER, "Jobcenter", BESKAEFTIGELSE, List.of(), List.of(), false),
                unit(BORGERSERVICE, "Borgerservice", ROOT, List.of("16.00"), List.of("27"), false));
    }

    public static List<UserRegistration> users() {
        return List.of(
                user("caseworker-a", List.of(TEAM_YDELSE), List.of("27.24"), 3),
                user("callcenter-a", List.of(BORGERSERVICE), List.of(), 2),
                user("admin-a", List.of(ROOT), List.of(), 1),
                user("auditor-a", List.of(ROOT), List.of(), 1),
                user("dobbelt", List.of(TEAM_YDELSE, JOBCENTER), List.of(), 2));
    }

    public static OrgExport export(String tenant) {
        // Before the simulator's exports (2026-06-01): the end-to-end tests deliver those to the same database later.
        return new OrgExport(tenant, Instant.parse("2026-01-01T00:00:00Z"), units(), users());
    }

    /** The export with one unit replaced. */
    public static OrgExport withUnit(OrgExport export, UUID uuid, UnaryOperator<OrgUnitRegistration> change) {
        List<OrgUnitRegistration> units = new ArrayList<>();
        export.orgUnits().forEach(u -> units.add(u.uuid().equals(uuid) ? change.apply(u) : u));
        return new OrgExport(export.municipality(), export.exportedAt(), units, export.users());
    }

    public static OrgExport withoutUser(OrgExport export, String userId) {
        return new OrgExport(export.municipality(), export.exportedAt(), export.orgUnits(),
                export.users().stream().filter(u -> !u.userId().equals(userId)).toList());
    }

    public static OrgUnitRegistration unit(UUID uuid, String name, UUID parent, List<String> tasks, List<String> contact, boolean inherit) {
        return new OrgUnitRegistration(uuid, name.substring(0, 3).toUpperCase(), name, parent, tasks, contact, inherit);
    }

    public static UserRegistration user(String login, List<UUID> units, List<String> kle, int clearance) {
        return new UserRegistration(id("user/" + login), login, "Navn " + login,
                units.stream().map(u -> new UserRegistration.Position("Medarbejder", u)).toList(), kle, clearance);
    }

    public static OrgUnitRegistration withParent(OrgUnitRegistration u, UUID parent) {
        return new OrgUnitRegistration(u.uuid(), u.shortKey(), u.name(), parent, u.tasks(), u.contactForTasks(), u.inheritKle());
    }

    public static OrgUnitRegistration withTasks(OrgUnitRegistration u, List<String> tasks) {
        return new OrgUnitRegistration(u.uuid(), u.shortKey(), u.name(), u.parentOrgUnitUuid(), tasks, u.contactForTasks(), u.inheritKle());
    }
}
