package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.access.EffectiveAccess;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dk.overblik.contracts.index.Queries.anyOf;
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
     * found, given as case ids by source system ({@link #idsBySourceSystem}). A document is visible
     * when its own sensitivity is within the clearance and at least one of its cases is visible;
     * the given cases are visible, so only the first half is left. A document belongs only to cases
     * of its own source system: a vendor system cannot attach its documents to another system's
     * case (the indexer gives such a document nothing of that case's access either).
     */
    public static ObjectNode documentsOfVisibleCases(EffectiveAccess access, Map<String, List<String>> visibleCaseIdsBySourceSystem) {
        List<ObjectNode> ofTheirCases = new ArrayList<>();
        visibleCaseIdsBySourceSystem.forEach((sourceSystem, ids) ->
                ofTheirCases.add(bool(List.of(term(DocumentIndex.SOURCE_SYSTEM, sourceSystem), terms(DocumentIndex.CASE_IDS, ids)))));
        return bool(List.of(term(DocumentIndex.TENANT, access.tenant()), anyOf(ofTheirCases),
                atMost(DocumentIndex.SENSITIVITY_LEVEL, access.clearance()), term(DocumentIndex.DELETED, false)));
    }

    /** Case ids grouped by their source system, in the cases' order. */
    public static Map<String, List<String>> idsBySourceSystem(Collection<IndexedCase> cases) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        cases.forEach(c -> ids.computeIfAbsent(c.sourceSystem(), s -> new ArrayList<>()).add(c.id().toString()));
        return ids;
    }
}
