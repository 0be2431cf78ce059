package dk.overblik.simulator.org;

import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.contracts.value.Kle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated municipality organisation: its OS2sync-shaped export, plus the lookups the case
 * generator needs to give every case a plausible responsible unit and caseworker.
 */
public final class Organisation {
    private final OrgExport export;
    private final Map<UUID, OrgUnitRegistration> units = new HashMap<>();
    private final Map<UUID, Set<String>> effectiveTasks = new HashMap<>();
    private final Map<UUID, List<UserRegistration>> usersByUnit = new HashMap<>();
    private final Map<String, UserRegistration> usersByLogin = new HashMap<>();
    private final Map<String, List<UUID>> unitsBySubject = new ConcurrentHashMap<>();

    Organisation(OrgExport export) {
        this.export = export;
        export.orgUnits().forEach(u -> units.put(u.uuid(), u));
        for (OrgUnitRegistration unit : export.orgUnits()) {
            effectiveTasks.put(unit.uuid(), tasksWithInherited(unit));
        }
        for (UserRegistration user : export.users()) {
            usersByLogin.put(user.userId(), user);
            user.positions().forEach(p -> usersByUnit.computeIfAbsent(p.orgUnitUuid(), k -> new ArrayList<>()).add(user));
        }
    }

    public OrgExport export() {
        return export;
    }

    public UserRegistration user(String login) {
        return usersByLogin.get(login);
    }

    public UUID root() {
        return export.orgUnits().get(0).uuid();
    }

    /** The units whose KLE (own or inherited) covers a subject, the most specific first. */
    public List<UUID> unitsFor(String kleSubject) {
        return unitsBySubject.computeIfAbsent(kleSubject, subject -> {
            Kle kle = new Kle(subject, "G01");
            List<UUID> covering = new ArrayList<>();
            for (OrgUnitRegistration unit : export.orgUnits()) {
                if (effectiveTasks.get(unit.uuid()).stream().anyMatch(kle::isCoveredBy)) {
                    covering.add(unit.uuid());
                }
            }
            // Teams (leaves) handle cases; prefer units nobody else reports to.
            Set<UUID> parents = new java.util.HashSet<>();
            export.orgUnits().forEach(u -> {
                if (u.parentOrgUnitUuid() != null) {
                    parents.add(u.parentOrgUnitUuid());
                }
            });
            List<UUID> leaves = covering.stream().filter(u -> !parents.contains(u)).toList();
            List<UUID> chosen = leaves.isEmpty() ? covering : leaves;
            return chosen.isEmpty() ? List.of(root()) : List.copyOf(chosen);
        });
    }

    public List<UserRegistration> usersIn(UUID unit) {
        return usersByUnit.getOrDefault(unit, List.of());
    }

    /** A responsible unit and (mostly) a caseworker positioned there for a case about this subject. */
    public Assignment assign(String kleSubject, SplittableRandom random) {
        List<UUID> candidates = unitsFor(kleSubject);
        UUID unit = candidates.get(random.nextInt(candidates.size()));
        List<UserRegistration> staff = usersIn(unit);
        UUID caseworker = staff.isEmpty() || random.nextDouble() < 0.15 ? null : staff.get(random.nextInt(staff.size())).uuid();
        return new Assignment(unit, caseworker);
    }

    public record Assignment(UUID unit, UUID caseworker) {
    }

    private Set<String> tasksWithInherited(OrgUnitRegistration unit) {
        Set<String> tasks = new LinkedHashSet<>(unit.tasks());
        OrgUnitRegistration current = unit;
        while (current.inheritKle() && current.parentOrgUnitUuid() != null) {
            current = units.get(current.parentOrgUnitUuid());
            tasks.addAll(current.tasks());
        }
        return tasks;
    }
}
