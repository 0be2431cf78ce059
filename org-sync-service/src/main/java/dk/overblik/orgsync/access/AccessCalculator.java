package dk.overblik.orgsync.access;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Effective access the way OS2 Rollekatalog and SOFD compute it: KLE scope = own KLE + the KLE
 * of the units the user holds a position in + what those units inherit from their ancestors;
 * organisation scope = those units and every unit below them; clearance from the user.
 */
public final class AccessCalculator {
    private AccessCalculator() {
    }

    /** Every KLE grant of a user, with where it came from (the explain view). */
    public static List<KleGrant> grants(OrgTree tree, UserRegistration user) {
        List<KleGrant> grants = new ArrayList<>();
        user.kle().forEach(kle -> grants.add(new KleGrant(kle, KleGrant.Origin.OWN, null, null)));
        for (UUID unitId : positionUnits(user)) {
            grants.addAll(tree.unitGrants(unitId, id -> unitGrants(tree, id)));
        }
        return grants;
    }

    /** What a position in a unit gives: its tasks and contact responsibilities, and what it inherits. */
    private static List<KleGrant> unitGrants(OrgTree tree, UUID unitId) {
        OrgUnitRegistration unit = tree.unit(unitId);
        if (unit == null) {
            return List.of();
        }
        List<KleGrant> grants = new ArrayList<>();
        unit.tasks().forEach(kle -> grants.add(new KleGrant(kle, KleGrant.Origin.UNIT_TASK, unitId, null)));
        unit.contactForTasks().forEach(kle -> grants.add(new KleGrant(kle, KleGrant.Origin.UNIT_CONTACT, unitId, null)));
        for (OrgUnitRegistration ancestor : tree.inheritedFrom(unitId)) {
            ancestor.tasks().forEach(kle -> grants.add(new KleGrant(kle, KleGrant.Origin.INHERITED, unitId, ancestor.uuid())));
            ancestor.contactForTasks().forEach(kle -> grants.add(new KleGrant(kle, KleGrant.Origin.INHERITED, unitId, ancestor.uuid())));
        }
        return grants;
    }

    public static EffectiveAccess access(String tenant, OrgTree tree, UserRegistration user, boolean orgRestriction) {
        Set<String> kle = new TreeSet<>();
        grants(tree, user).forEach(g -> kle.add(g.kle()));
        List<UUID> positions = positionUnits(user).stream().filter(u -> tree.unit(u) != null).toList();
        List<String> orgScope;
        if (positions.size() == 1) {
            orgScope = tree.subtreeIds(positions.get(0));
        } else {
            Set<String> units = new TreeSet<>();
            positions.forEach(u -> units.addAll(tree.subtreeIds(u)));
            orgScope = new ArrayList<>(units);
        }
        return new EffectiveAccess(tenant, user.userId(), reduce(kle), orgScope, user.clearance(), orgRestriction);
    }

    /** Drops every entry that a broader one covers ({@code 27} covers {@code 27.24} and {@code 27.24.00}); sorted. */
    public static List<String> reduce(Collection<String> entries) {
        TreeSet<String> sorted = new TreeSet<>(entries);
        List<String> kept = new ArrayList<>();
        for (String entry : sorted) {
            if (kept.stream().noneMatch(broader -> covers(broader, entry))) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** Whether scope entry {@code broader} covers {@code entry} (equal, or a prefix ending at a dot). */
    public static boolean covers(String broader, String entry) {
        return entry.equals(broader) || entry.startsWith(broader + ".");
    }

    private static List<UUID> positionUnits(UserRegistration user) {
        return user.positions().stream().map(UserRegistration.Position::orgUnitUuid).distinct().toList();
    }
}
