package dk.overblik.overview.party;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.overview.access.AccessFilter;
import dk.overblik.service.security.Caller;
import dk.overblik.service.opensearch.Async;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import java.util.ArrayList;
import java.util.List;

/** Finds a party's cases in the index, with the caller's access filter inside the query. */
@ApplicationScoped
public class PartyCaseSearch {
    static final int MAX_CASES = 500;

    private final OpenSearchAsyncClient client;
    private final AccessFilter access;

    public PartyCaseSearch(OpenSearchAsyncClient client, AccessFilter access) {
        this.client = client;
        this.access = access;
    }

    public Uni<List<IndexedCase>> visibleCases(Caller caller, PartyRef party) {
        List<Query> filters = new ArrayList<>(access.casesVisibleTo(caller));
        filters.add(Query.of(q -> q.term(t -> t.field(CaseIndex.PARTY_REFS).value(FieldValue.of(party.urn())))));
        filters.add(Query.of(q -> q.term(t -> t.field(CaseIndex.DELETED).value(FieldValue.of(false)))));
        return Async.call(() -> client.search(s -> s
                        .index(CaseIndex.READ_ALIAS)
                        .query(q -> q.bool(b -> b.filter(filters)))
                        .sort(o -> o.field(f -> f.field(CaseIndex.LAST_ACTIVITY_AT).order(SortOrder.Desc)))
                        .size(MAX_CASES), IndexedCase.class))
                .map(PartyCaseSearch::documents)
                .onFailure(PartyCaseSearch::isMissingIndex).recoverWithItem(List.of());
    }

    private static List<IndexedCase> documents(SearchResponse<IndexedCase> response) {
        return response.hits().hits().stream().map(Hit::source).toList();
    }

    /** Before the indexer's first start there is no index: nothing to show, not an error. */
    private static boolean isMissingIndex(Throwable e) {
        return e instanceof OpenSearchException ose && "index_not_found_exception".equals(ose.error().type());
    }
}
