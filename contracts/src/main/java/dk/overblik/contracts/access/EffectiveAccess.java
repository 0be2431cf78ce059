package dk.overblik.contracts.access;

import java.util.List;

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

    /** The Kafka key of a user's access. */
    public static String key(String tenant, String userId) {
        return tenant + "/" + userId;
    }
}
