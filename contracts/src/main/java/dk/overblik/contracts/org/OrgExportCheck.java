package dk.overblik.contracts.org;

import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.Cvr;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Sensitivity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rules a full organisation export must keep to be imported: unique ids, known parents, no
 * cycles, one root, well-formed KLE, positions in known units, clearance 1-4. A bad export is
 * refused as a whole; this lists everything wrong with it.
 */
public final class OrgExportCheck {
    private OrgExportCheck() {
    }

    public static List<Violation> check(OrgExport export) {
        List<Violation> violations = new ArrayList<>();
        if (!Cvr.isValid(export.municipality())) {
            violations.add(new Violation("Municipality", ViolationCode.BAD_TENANT, "must be the municipality's CVR number"));
        }
        Map<UUID, OrgUnitRegistration> units = new HashMap<>(capacity(export.orgUnits().size()));
        for (int i = 0; i < export.orgUnits().size(); i++) {
            OrgUnitRegistration unit = export.orgUnits().get(i);
            if (unit.uuid() == null) {
                violations.add(new Violation("OrgUnits[" + i + "].Uuid", ViolationCode.REQUIRED, "is required"));
                continue;
            }
            if (units.putIfAbsent(unit.uuid(), unit) != null) {
                violations.add(new Violation("OrgUnits[" + i + "].Uuid", ViolationCode.DUPLICATE, "repeats unit " + unit.uuid()));
            }
            if (unit.name() == null || unit.name().isBlank()) {
                violations.add(new Violation("OrgUnits[" + i + "].Name", ViolationCode.REQUIRED, "is required"));
            }
            checkKle(unit.tasks(), "OrgUnits", i, "Tasks", violations);
            checkKle(unit.contactForTasks(), "OrgUnits", i, "ContactForTasks", violations);
        }
        int roots = 0;
        Set<UUID> cyclic = inCycles(units);
        for (int i = 0; i < export.orgUnits().size(); i++) {
            OrgUnitRegistration unit = export.orgUnits().get(i);
            if (unit.uuid() == null) {
                continue;
            }
            if (unit.parentOrgUnitUuid() == null) {
                roots++;
            } else if (!units.containsKey(unit.parentOrgUnitUuid())) {
                violations.add(new Violation("OrgUnits[" + i + "].ParentOrgUnitUuid", ViolationCode.INCONSISTENT,
                        "names unit " + unit.parentOrgUnitUuid() + ", which the export does not contain"));
            } else if (cyclic.contains(unit.uuid())) {
                violations.add(new Violation("OrgUnits[" + i + "].ParentOrgUnitUuid", ViolationCode.INCONSISTENT,
                        "makes unit " + unit.uuid() + " its own ancestor"));
            }
        }
        if (!export.orgUnits().isEmpty() && roots != 1) {
            violations.add(new Violation("OrgUnits", ViolationCode.INCONSISTENT,
                    "must have exactly one root unit (no ParentOrgUnitUuid); it has " + roots));
        }
        Set<UUID> userIds = new HashSet<>(capacity(export.users().size()));
        Set<String> logins = new HashSet<>(capacity(export.users().size()));
        for (int i = 0; i < export.users().size(); i++) {
            UserRegistration user = export.users().get(i);
            if (user.uuid() == null) {
                violations.add(new Violation("Users[" + i + "].Uuid", ViolationCode.REQUIRED, "is required"));
            } else if (!userIds.add(user.uuid())) {
                violations.add(new Violation("Users[" + i + "].Uuid", ViolationCode.DUPLICATE, "repeats user " + user.uuid()));
            } else if (units.containsKey(user.uuid())) {
                // Units and users share keys on overblik.org.v1: one would replace the other there.
                violations.add(new Violation("Users[" + i + "].Uuid", ViolationCode.DUPLICATE, "is also the id of a unit"));
            }
            if (user.userId() == null || user.userId().isBlank()) {
                violations.add(new Violation("Users[" + i + "].UserId", ViolationCode.REQUIRED, "is required"));
            } else if (!logins.add(user.userId())) {
                violations.add(new Violation("Users[" + i + "].UserId", ViolationCode.DUPLICATE, "repeats login " + user.userId()));
            }
            if (user.clearance() < Sensitivity.MIN_LEVEL || user.clearance() > Sensitivity.MAX_LEVEL) {
                violations.add(new Violation("Users[" + i + "].Clearance", ViolationCode.OUT_OF_RANGE, "must be 1-4"));
            }
            checkKle(user.kle(), "Users", i, "Kle", violations);
            for (int p = 0; p < user.positions().size(); p++) {
                UUID unit = user.positions().get(p).orgUnitUuid();
                if (unit == null || !units.containsKey(unit)) {
                    violations.add(new Violation("Users[" + i + "].Positions[" + p + "].OrgUnitUuid", ViolationCode.INCONSISTENT,
                            "names a unit the export does not contain"));
                }
            }
        }
        return violations;
    }

    /** Checks the KLE list {@code list[index].field}; the path is only built for a violation (exports are large). */
    private static void checkKle(List<String> entries, String list, int index, String field, List<Violation> violations) {
        for (int k = 0; k < entries.size(); k++) {
            if (!Kle.isScopeEntry(entries.get(k))) {
                violations.add(new Violation(list + "[" + index + "]." + field + "[" + k + "]", ViolationCode.BAD_KLE_SUBJECT,
                        "must be a KLE main group NN, group NN.NN or subject NN.NN.NN"));
            }
        }
    }

    /**
     * The units whose walk up to the root comes round again (in a cycle, or below one), in one
     * pass: each walk stops at a unit whose answer is already known.
     */
    private static Set<UUID> inCycles(Map<UUID, OrgUnitRegistration> units) {
        Map<UUID, Boolean> cyclic = new HashMap<>(capacity(units.size()));
        for (UUID start : units.keySet()) {
            List<UUID> walk = new ArrayList<>();
            Set<UUID> onWalk = new HashSet<>();
            Boolean answer = null;
            for (UUID id = start; answer == null; ) {
                OrgUnitRegistration unit = units.get(id);
                if (unit == null || unit.parentOrgUnitUuid() == null) {
                    answer = false; // reached the root or an unknown parent (reported on its own)
                } else if (cyclic.containsKey(id)) {
                    answer = cyclic.get(id);
                } else if (!onWalk.add(id)) {
                    answer = true;
                } else {
                    walk.add(id);
                    id = unit.parentOrgUnitUuid();
                }
            }
            for (UUID id : walk) {
                cyclic.put(id, answer);
            }
        }
        Set<UUID> result = new HashSet<>();
        cyclic.forEach((id, isCyclic) -> {
            if (isCyclic) {
                result.add(id);
            }
        });
        return result;
    }

    private static int capacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }
}
