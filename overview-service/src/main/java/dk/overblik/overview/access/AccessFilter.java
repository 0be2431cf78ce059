package dk.overblik.overview.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.index.AccessQueries;
import dk.overblik.contracts.index.Queries;
import dk.overblik.service.access.AccessViews;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of every OpenSearch query that decides what the caller may see: the caller's published
 * access turned into the filters of {@link AccessQueries} (DESIGN section 4), which run inside
 * OpenSearch, never as filtering of result pages in Java. A user without published access sees
 * nothing.
 */
@ApplicationScoped
public class AccessFilter {
    private final AccessViews views;

    public AccessFilter(AccessViews views) {
        this.views = views;
    }

    /**
     * The caller's published access. Fails (503) when the view stopped following org-sync: access
     * withdrawn since then would still be granted. The service is then not ready either.
     */
    public Optional<EffectiveAccess> accessOf(Caller caller) {
        if (views.accessHasStopped()) {
            throw new ProblemException(503, "access-unavailable", "Access rights unavailable",
                    "The service cannot tell what you may see right now. Try again shortly.");
        }
        return views.accessOf(caller.requireMunicipality(), caller.userId());
    }

    public ObjectNode casesVisibleTo(Caller caller) {
        return accessOf(caller).map(AccessQueries::casesVisibleTo).orElseGet(Queries::nothing);
    }

    /** The visible documents of cases just found visible to the caller (see {@link AccessQueries#documentsOfVisibleCases}). */
    public ObjectNode documentsOfVisibleCases(Caller caller, Map<String, List<String>> visibleCaseIdsBySourceSystem) {
        return accessOf(caller).map(access -> AccessQueries.documentsOfVisibleCases(access, visibleCaseIdsBySourceSystem))
                .orElseGet(Queries::nothing);
    }
}
