package dk.overblik.simulator.org;

import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.contracts.org.UserRegistration.Position;
import dk.overblik.simulator.Ids;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.Scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates a municipality's organisation: a root, five directorates with their KLE, departments
 * and teams that inherit it, and employees with positions, some own KLE and a clearance. The demo
 * users of the local stack's realm are placed where their work is (caseworker-a in benefits,
 * callcenter-a in citizen service, the admins in administration).
 */
public final class OrgGenerator {
    private static final String[] FIRST_NAMES = {"Anne", "Mette", "Hanne", "Lone", "Susanne", "Camilla", "Maria", "Louise",
            "Peter", "Jens", "Lars", "Henrik", "Søren", "Thomas", "Michael", "Martin", "Rasmus", "Mads", "Sofie", "Emma"};
    private static final String[] LAST_NAMES = {"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen",
            "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen"};

    /** A demo user of the realm: login, where they work (a KLE subject their unit handles) and what they see. */
    private record DemoUser(String login, String name, String worksOn, List<String> ownKle, int clearance) {
    }

    private static final List<DemoUser> DEMO_A = List.of(
            new DemoUser("caseworker-a", "Casey Worker-A", "32.18.08", List.of("27.24"), 3),
            new DemoUser("callcenter-a", "Carla Center-A", "16.00.00", List.of("15", "27", "32"), 2),
            new DemoUser("advisadmin-a", "Adam Advis-A", "85.00.00", List.of(), 1),
            new DemoUser("auditor-a", "Aud Itor-A", "85.00.00", List.of(), 1),
            new DemoUser("admin-a", "Ada Admin-A", "85.00.00", List.of(), 1));
    private static final List<DemoUser> DEMO_B = List.of(
            new DemoUser("caseworker-b", "Casey Worker-B", "32.18.08", List.of("27.24"), 3));

    private OrgGenerator() {
    }

    public static Organisation generate(Scenario scenario, Municipality municipality, int municipalityIndex) {
        SplittableRandom random = Ids.random(scenario.seed(), 1, municipalityIndex);
        List<OrgUnitRegistration> units = units(scenario.unitsPerMunicipality(), municipality, random);
        java.util.Map<UUID, Directorate> directorateOf = directorates(units);
        Organisation unitsOnly = new Organisation(new OrgExport(municipality.cvr(), scenario.anchor(), units, List.of()));
        List<UserRegistration> users = new ArrayList<>();
        List<DemoUser> demo = municipality.equals(Municipality.A) ? DEMO_A : municipality.equals(Municipality.B) ? DEMO_B : List.of();
        for (DemoUser d : demo) {
            UUID unit = unitsOnly.unitsFor(d.worksOn()).get(0);
            users.add(new UserRegistration(UUID.nameUUIDFromBytes((municipality.cvr() + "/" + d.login()).getBytes(StandardCharsets.UTF_8)),
                    d.login(), d.name(), List.of(new Position(positionTitle(directorateOf, unit), unit)), d.ownKle(), d.clearance()));
        }
        java.util.Set<UUID> parents = new java.util.HashSet<>();
        units.forEach(u -> {
            if (u.parentOrgUnitUuid() != null) {
                parents.add(u.parentOrgUnitUuid());
            }
        });
        List<OrgUnitRegistration> teams = units.stream().filter(u -> !parents.contains(u.uuid())).toList();
        for (int i = users.size(); i < scenario.employeesPerMunicipality(); i++) {
            OrgUnitRegistration home = teams.get(random.nextInt(teams.size()));
            List<Position> positions = new ArrayList<>();
            positions.add(new Position(positionTitle(directorateOf, home.uuid()), home.uuid()));
            if (random.nextDouble() < 0.1) {
                OrgUnitRegistration second = teams.get(random.nextInt(teams.size()));
                if (!second.uuid().equals(home.uuid())) {
                    positions.add(new Position(positionTitle(directorateOf, second.uuid()), second.uuid()));
                }
            }
            List<String> ownKle = random.nextDouble() < 0.15 ? List.of(OWN_KLE[random.nextInt(OWN_KLE.length)]) : List.of();
            String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            users.add(new UserRegistration(Ids.uuid(random), "u%s%05d".formatted(municipality.code(), i), name, positions,
                    ownKle, clearance(random)));
        }
        return new Organisation(new OrgExport(municipality.cvr(), scenario.anchor(), units, users));
    }

    private static final String[] OWN_KLE = {"27.24", "32.18", "15.00", "28.08", "02.34", "16", "27"};

    private static int clearance(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.10 ? 1 : r < 0.60 ? 2 : r < 0.95 ? 3 : 4;
    }

    private static List<OrgUnitRegistration> units(int count, Municipality municipality, SplittableRandom random) {
        List<OrgUnitRegistration> units = new ArrayList<>(count);
        UUID root = Ids.uuid(random);
        units.add(new OrgUnitRegistration(root, municipality.code() + "-0000", municipality.name(), null, List.of(), List.of(), false));
        List<UUID> directorates = new ArrayList<>();
        for (Directorate d : Directorate.values()) {
            UUID id = Ids.uuid(random);
            directorates.add(id);
            units.add(new OrgUnitRegistration(id, shortKey(municipality, units.size()), d.title(), root, d.tasks(), List.of(), false));
        }
        // Departments: about a third of the rest, each performing one of its directorate's KLE entries.
        int departmentCount = Math.max(1, (count - units.size()) / 3);
        List<OrgUnitRegistration> departments = new ArrayList<>();
        for (int i = 0; i < departmentCount; i++) {
            Directorate d = Directorate.values()[i % Directorate.values().length];
            int round = i / Directorate.values().length;
            String name = d.departments().get(round % d.departments().size())
                    + (round >= d.departments().size() ? " " + (round / d.departments().size() + 1) : "");
            List<String> tasks = List.of(d.tasks().get(round % d.tasks().size()));
            List<String> contact = random.nextDouble() < 0.2 ? List.of(d.tasks().get(0)) : List.of();
            OrgUnitRegistration department = new OrgUnitRegistration(Ids.uuid(random), shortKey(municipality, units.size()),
                    name, directorates.get(d.ordinal()), tasks, contact, true);
            departments.add(department);
            units.add(department);
        }
        // Teams: the rest, spread over the departments, inheriting their KLE (a few with tasks of their own).
        for (int i = 0; units.size() < count; i++) {
            OrgUnitRegistration department = departments.get(i % departments.size());
            boolean ownTasks = random.nextDouble() < 0.1;
            units.add(new OrgUnitRegistration(Ids.uuid(random), shortKey(municipality, units.size()),
                    "Team " + department.name() + " " + (i / departments.size() + 1), department.uuid(),
                    ownTasks ? department.tasks() : List.of(), List.of(), !ownTasks));
        }
        return units;
    }

    private static String shortKey(Municipality municipality, int index) {
        return "%s-%04d".formatted(municipality.code(), index);
    }

    private static String positionTitle(java.util.Map<UUID, Directorate> directorateOf, UUID unit) {
        Directorate d = directorateOf.get(unit);
        return d == null ? "Medarbejder" : d.positions().get(Math.floorMod(unit.hashCode(), d.positions().size()));
    }

    /** The directorate each unit belongs to (units are listed parents first). */
    private static java.util.Map<UUID, Directorate> directorates(List<OrgUnitRegistration> units) {
        java.util.Map<UUID, Directorate> of = new java.util.HashMap<>();
        for (OrgUnitRegistration unit : units) {
            if (unit.parentOrgUnitUuid() == null) {
                continue;
            }
            Directorate inherited = of.get(unit.parentOrgUnitUuid());
            if (inherited != null) {
                of.put(unit.uuid(), inherited);
            } else {
                for (Directorate d : Directorate.values()) {
                    if (d.title().equals(unit.name())) {
                        of.put(unit.uuid(), d);
                    }
                }
            }
        }
        return of;
    }
}
