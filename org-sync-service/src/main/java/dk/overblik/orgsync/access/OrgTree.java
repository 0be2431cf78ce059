package dk.overblik.orgsync.access;

import dk.overblik.contracts.org.OrgUnitRegistration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A municipality's unit tree (checked: one root, no cycles), with the walks access needs. Walks
 * are remembered per unit, so one tree serves all users of an import; not for concurrent use.
 */
public final class OrgTree {
    private final Map<UUID, OrgUnitRegistration> units = new HashMap<>();
    private final Map<UUID, List<UUID>> children = new HashMap<>();
    private final Map<UUID, List<UUID>> below = new HashMap<>();
    private final Map<UUID, List<String>> belowIds = new HashMap<>();
    private final Map<UUID, List<KleGrant>> grants = new HashMap<>();

    public OrgTree(Collection<OrgUnitRegistration> units) {
        for (OrgUnitRegistration unit : units) {
            this.units.put(unit.uuid(), unit);
        }
        for (OrgUnitRegistration unit : units) {
            if (unit.parentOrgUnitUuid() != null) {
                children.computeIfAbsent(unit.parentOrgUnitUuid(), p -> new ArrayList<>()).add(unit.uuid());
            }
        }
    }

    public OrgUnitRegistration unit(UUID uuid) {
        return units.get(uuid);
    }

    public Collection<OrgUnitRegistration> units() {
        return units.values();
    }

    public List<UUID> children(UUID uuid) {
        return children.getOrDefault(uuid, List.of());
    }

    /**
     * The ancestors whose KLE this unit inherits, nearest first: its parent if it inherits, then
     * the parent's parent if the parent inherits too, and so on.
     */
    public List<OrgUnitRegistration> inheritedFrom(UUID uuid) {
        List<OrgUnitRegistration> from = new ArrayList<>();
        OrgUnitRegistration unit = units.get(uuid);
        while (unit != null && unit.inheritKle() && unit.parentOrgUnitUuid() != null) {
            unit = units.get(unit.parentOrgUnitUuid());
            if (unit != null) {
                from.add(unit);
            }
        }
        return from;
    }

    /** The units above this one, nearest first (empty for the root or an unknown unit). */
    public List<UUID> ancestors(UUID uuid) {
        List<UUID> ancestors = new ArrayList<>();
        OrgUnitRegistration unit = units.get(uuid);
        while (unit != null && unit.parentOrgUnitUuid() != null) {
            ancestors.add(unit.parentOrgUnitUuid());
            unit = units.get(unit.parentOrgUnitUuid());
        }
        return ancestors;
    }

    /** The unit and every unit below it, the unit first (computed once per unit, then remembered). */
    public List<UUID> subtree(UUID uuid) {
        List<UUID> cached = below.get(uuid);
        if (cached != null) {
            return cached;
        }
        Set<UUID> result = new LinkedHashSet<>();
        result.add(uuid);
        for (UUID child : children(uuid)) {
            result.addAll(subtree(child));
        }
        List<UUID> list = List.copyOf(result);
        below.put(uuid, list);
        return list;
    }

    /** {@link #subtree} as sorted id strings, remembered: many users share a unit, and access compares these lists. */
    public List<String> subtreeIds(UUID uuid) {
        List<String> cached = belowIds.get(uuid);
        if (cached == null) {
            cached = subtree(uuid).stream().map(UUID::toString).sorted().toList();
            belowIds.put(uuid, cached);
        }
        return cached;
    }

    /** The KLE grants a position in this unit gives, computed once per unit. */
    List<KleGrant> unitGrants(UUID uuid, java.util.function.Function<UUID, List<KleGrant>> compute) {
        List<KleGrant> cached = grants.get(uuid);
        if (cached == null) {
            cached = List.copyOf(compute.apply(uuid));
            grants.put(uuid, cached);
        }
        return cached;
    }
}
