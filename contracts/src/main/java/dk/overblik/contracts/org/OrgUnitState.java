package dk.overblik.contracts.org;

import java.util.List;
import java.util.UUID;

/** A unit as {@code overblik.org.v1} carries it (key: {@code <tenant>/<uuid>}): what a UI shows of it. */
public record OrgUnitState(String tenant, UUID uuid, String shortKey, String name, UUID parentUuid, List<String> tasks,
                           List<String> contactForTasks) {

    /** The key of a unit or user on {@code overblik.org.v1}: {@code <tenant>/<uuid>}. */
    public static String key(String tenant, UUID uuid) {
        return tenant + "/" + uuid;
    }

    public static OrgUnitState of(String tenant, OrgUnitRegistration unit) {
        return new OrgUnitState(tenant, unit.uuid(), unit.shortKey(), unit.name(), unit.parentOrgUnitUuid(), unit.tasks(),
                unit.contactForTasks());
    }
}
