package dk.overblik.contracts.access;

import dk.overblik.contracts.value.Kle;

import java.util.List;
import java.util.UUID;

/**
 * What one user may see (DESIGN section 4): the value on {@code overblik.access.v1}, keyed
 * {@code <tenant>/<userId>}. {@code kleScope} holds KLE main groups, groups or subjects, none
 * covered by another; {@code orgScope} the units the user works in and every unit below them.
 */
public record EffectiveAccess(String tenant, String userId, List<String> kleScope, List<String> orgScope, int clearance,
                              boolean orgRestriction) {

    public EffectiveAccess {
        kleScope = List.copyOf(kleScope);
        orgScope = List.copyOf(orgScope);
    }

    /**
     * DESIGN section 4 for one case, in Java: for the rare single item that is not found by a query
     * (an alert pushed to an open stream). Queries carry the same rules as filters.
     */
    public boolean sees(String caseTenant, String kleSubject, int sensitivityLevel, UUID responsibleUnit) {
        return tenant.equals(caseTenant)
                && kleScope.stream().anyMatch(entry -> Kle.covers(entry, kleSubject))
                && sensitivityLevel <= clearance
                && (!orgRestriction || (responsibleUnit != null && orgScope.contains(responsibleUnit.toString())));
    }

    /** The Kafka key of a user's access. */
    public static String key(String tenant, String userId) {
        return tenant + "/" + userId;
    }
}
