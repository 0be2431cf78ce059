package dk.overblik.overview.party;

import dk.overblik.contracts.index.AccessQueries;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.PartyOverviewQuery;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.overview.access.AccessFilter;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Finds a party's visible cases, their facets and how many of the party's cases in the
 * municipality the caller may not see, and then the visible document counts of those cases: two
 * OpenSearch requests ({@link PartyOverviewQuery}), every count and facet under the access filter,
 * so nothing leaks through a number; the hidden count is the only figure over the whole
 * municipality, and it is a number only. The counts are a separate step so that the lookup's
 * audit entry, which needs only the cases, can be written while they are counted.
 */
@ApplicationScoped
public class PartyCaseSearch {
    private final OpenSearchJson openSearch;
    private final AccessFilter access;

    public PartyCaseSearch(OpenSearchJson openSearch, AccessFilter access) {
        this.openSearch = openSearch;
        this.access = access;
    }

    /** What the search found: visible cases (newest activity first), their total, the hidden count, facets. */
    public record Found(List<IndexedCase> cases, long total, long hidden, Map<String, Map<String, Long>> facets) {
        static final Found NOTHING = new Found(List.of(), 0, 0, Map.of());
    }

    public Uni<Found> find(Caller caller, PartyRef party) {
        var search = PartyOverviewQuery.cases(caller.requireMunicipality(), access.casesVisibleTo(caller), party.urn());
        return openSearch.post(PartyOverviewQuery.CASES_ENDPOINT, Json.toBytes(search))
                .map(response -> new Found(PartyOverviewQuery.visibleCases(response), PartyOverviewQuery.visibleTotal(response),
                        PartyOverviewQuery.hiddenCount(response), PartyOverviewQuery.facets(response)))
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(Found.NOTHING);
    }

    /** Visible documents per case (by case id), counted inside OpenSearch. */
    public Uni<Map<String, Long>> documentCounts(Caller caller, List<IndexedCase> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, List<String>> ids = AccessQueries.idsBySourceSystem(cases);
        var request = PartyOverviewQuery.documentCounts(access.documentsOfVisibleCases(caller, ids), ids);
        return openSearch.post(PartyOverviewQuery.DOCUMENT_COUNTS_ENDPOINT, Json.toBytes(request))
                .map(PartyOverviewQuery::documentCounts)
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(Map.of());
    }
}
