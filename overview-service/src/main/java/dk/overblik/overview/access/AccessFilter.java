package dk.overblik.overview.access;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import java.util.List;

/**
 * The part of every OpenSearch query that decides what the caller may see; it runs inside
 * OpenSearch, never as filtering of result pages in Java. For now the rule is the municipality
 * (DESIGN section 4, rule 1): the caller sees the cases of their own municipality only.
 */
@ApplicationScoped
public class AccessFilter {

    public List<Query> casesVisibleTo(Caller caller) {
        if (caller.municipality() == null) {
            throw new ProblemException(403, "no-municipality", "No municipality in the token",
                    "The token names no municipality, so nothing can be shown.");
        }
        return List.of(Query.of(q -> q.term(t -> t.field(CaseIndex.TENANT).value(FieldValue.of(caller.municipality())))));
    }
}
