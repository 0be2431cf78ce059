package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.access.EffectiveAccess;

import java.util.ArrayList;
import java.util.List;

import static dk.overblik.contracts.index.Queries.atMost;
import static dk.overblik.contracts.index.Queries.bool;
import static dk.overblik.contracts.index.Queries.term;
import static dk.overblik.contracts.index.Queries.terms;

/**
 * DESIGN section 4 as OpenSearch filters, so that what a user may see is decided inside the
 * query, never by trimming result pages. A case is visible when it is in the user's municipality,
 * its KLE lies in their KLE scope (the index holds each case's KLE with its ancestors, so a scope
 * entry at any level is a plain term), its sensitivity is within their clearance and, where the
 * municipality restricts by organisation, its responsible unit is in their organisation scope.
 */
public final class AccessQueries {
    private AccessQueries() {
    }

    public static ObjectNode casesVisibleTo(EffectiveAccess access) {
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(term(CaseIndex.TENANT, access.tenant()));
        filters.add(terms(CaseIndex.KLE_SCOPE, access.kleScope()));
        filters.add(atMost(CaseIndex.SENSITIVITY_LEVEL, access.clearance()));
        if (access.orgRestriction()) {
            filters.add(terms(CaseIndex.RESPONSIBLE_UNIT, access.orgScope()));
        }
        return bool(filters);
    }

    /**
     * The visible, not deleted documents of cases a query with {@link #casesVisibleTo} has just
     * found. A document is visible when its own sensitivity is within the clearance and at least
     * one of its cases is visible; the given cases are visible, so only the first half is left.
     */
    public static ObjectNode documentsOfVisibleCases(EffectiveAccess access, List<String> visibleCaseIds) {
        return bool(List.of(term(DocumentIndex.TENANT, access.tenant()), terms(DocumentIndex.CASE_IDS, visibleCaseIds),
                atMost(DocumentIndex.SENSITIVITY_LEVEL, access.clearance()), term(DocumentIndex.DELETED, false)));
    }
}
