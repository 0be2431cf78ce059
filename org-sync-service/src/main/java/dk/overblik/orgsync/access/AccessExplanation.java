package dk.overblik.orgsync.access;

import java.util.List;
import java.util.UUID;

/**
 * A user's effective access (the same fields as on {@code overblik.access.v1}) and where each KLE
 * entry came from.
 */
public record AccessExplanation(String tenant, String userId, String name, List<String> kleScope, List<String> orgScope,
                                int clearance, boolean orgRestriction, List<PositionView> positions, List<Source> kleSources) {

    public record UnitRef(UUID uuid, String name) {
    }

    public record PositionView(String title, UnitRef unit) {
    }

    /** One KLE entry and its origin: own, a unit's task or contact responsibility, or inherited by {@code unit} from {@code from}. */
    public record Source(String kle, KleGrant.Origin origin, UnitRef unit, UnitRef from, boolean coveredByBroaderEntry) {
    }
}
