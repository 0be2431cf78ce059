package dk.overblik.overview.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.access.AccessViews;
import dk.overblik.service.opensearch.Queries;
import dk.overblik.service.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dk.overblik.service.opensearch.Queries.atMost;
import static dk.overblik.service.opensearch.Queries.bool;
import static dk.overblik.service.opensearch.Queries.term;
import static dk.overblik.service.opensearch.Queries.terms;

/**
 * The part of every OpenSearch query that decides what the caller may see (DESIGN section 4); it
 * runs inside OpenSearch, never as filtering of result pages in Java. A case is visible when it
 * is in the caller's municipality, its KLE lies in their KLE scope (the index holds each case's
 * KLE with its ancestors, so a scope entry at any level is a plain term), its sensitivity is
 * within their clearance and, where the municipality restricts by organisation, its responsible
 * unit is in their organisation scope. A document is visible when its own sensitivity is within
 * the clearance and at least one of its cases is visible. A user without published access sees
 * nothing.
 */
@ApplicationScoped
public class AccessFilter {
    private final AccessViews views;

    public AccessFilter(AccessViews views) {
        this.views = views;
    }

    public Optional<EffectiveAccess> accessOf(Caller caller) {
        return views.accessOf(caller.requireMunicipality(), caller.userId());
    }

    /** Only the municipality: the scope in which hidden cases are counted. */
    public ObjectNode casesInMunicipality(Caller caller) {
        return term(CaseIndex.TENANT, caller.requireMunicipality());
    }

    public ObjectNode casesVisibleTo(Caller caller) {
        return accessOf(caller).map(access -> bool(caseRules(access, CaseIndex.TENANT, CaseIndex.KLE_SCOPE,
                CaseIndex.SENSITIVITY_LEVEL, CaseIndex.RESPONSIBLE_UNIT))).orElseGet(Queries::nothing);
    }

    public ObjectNode documentsVisibleTo(Caller caller) {
        return accessOf(caller).map(access -> {
            List<ObjectNode> filters = new ArrayList<>();
            filters.add(term(DocumentIndex.TENANT, access.tenant()));
            filters.add(atMost(DocumentIndex.SENSITIVITY_LEVEL, access.clearance()));
            List<ObjectNode> caseRules = caseRules(access, null, DocumentIndex.CASES_KLE_SCOPE, DocumentIndex.CASES_SENSITIVITY_LEVEL,
                    DocumentIndex.CASES_RESPONSIBLE_UNIT);
            ObjectNode known = Json.mapper().createObjectNode();
            known.putObject("term").put(DocumentIndex.CASES_KNOWN, true);
            caseRules.add(known);
            ObjectNode nested = Json.mapper().createObjectNode();
            nested.putObject("nested").put("path", DocumentIndex.CASES).set("query", bool(caseRules));
            filters.add(nested);
            return bool(filters);
        }).orElseGet(Queries::nothing);
    }

    private static List<ObjectNode> caseRules(EffectiveAccess access, String tenantField, String kleField, String sensitivityField,
                                              String unitField) {
        List<ObjectNode> filters = new ArrayList<>();
        if (tenantField != null) {
            filters.add(term(tenantField, access.tenant()));
        }
        filters.add(terms(kleField, access.kleScope()));
        filters.add(atMost(sensitivityField, access.clearance()));
        if (access.orgRestriction()) {
            filters.add(terms(unitField, access.orgScope()));
        }
        return filters;
    }
}
