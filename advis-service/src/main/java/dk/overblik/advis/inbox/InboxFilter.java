package dk.overblik.advis.inbox;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.advis.AlertStatus;
import io.quarkus.panache.common.Parameters;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Which alerts a caller's inbox holds, as one query: addressed to them, or to a unit they work in
 * without a named caseworker; on a case they may see under DESIGN section 4 (municipality, KLE
 * scope at any level, clearance, organisation scope where restriction is on); not deleted.
 */
public record InboxFilter(String query, Parameters parameters) {

    /** Nothing at all: a caller without access, or without scope, has an empty inbox. */
    public static final InboxFilter NOTHING = new InboxFilter("1 = 0", new Parameters());

    public static InboxFilter of(EffectiveAccess access, String userId, Collection<UUID> units, AlertStatus status) {
        if (access.kleScope().isEmpty() || (access.orgRestriction() && access.orgScope().isEmpty())) {
            return NOTHING;
        }
        StringBuilder query = new StringBuilder("tenant = :tenant and caseDeleted = false");
        Parameters parameters = Parameters.with("tenant", access.tenant()).and("user", userId).and("kle", access.kleScope())
                .and("clearance", access.clearance());
        if (units.isEmpty()) {
            query.append(" and recipientUser = :user");
        } else {
            query.append(" and (recipientUser = :user or (recipientUser is null and recipientUnit in :units))");
            parameters.and("units", List.copyOf(units));
        }
        query.append(" and (substring(caseKleSubject, 1, 2) in :kle or substring(caseKleSubject, 1, 5) in :kle"
                + " or caseKleSubject in :kle)");
        query.append(" and caseSensitivity <= :clearance");
        if (access.orgRestriction()) {
            query.append(" and caseUnit in :orgScope");
            parameters.and("orgScope", access.orgScope().stream().map(UUID::fromString).toList());
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return new InboxFilter(query.toString(), parameters);
    }

    /** The same alerts, limited to these ids. */
    public InboxFilter withIds(Collection<UUID> ids) {
        Parameters more = new Parameters();
        parameters.map().forEach(more::and);
        return new InboxFilter("(" + query + ") and id in :ids", more.and("ids", List.copyOf(ids)));
    }
}
