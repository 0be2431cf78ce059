package dk.overblik.overview.party;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.PartyOverviewQuery;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.overview.access.AccessFilter;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a party's visible cases, their facets and visible document counts, and how many of the
 * party's cases in the municipality the caller may not see: two OpenSearch requests
 * ({@link PartyOverviewQuery}), every count and facet under the access filter, so nothing leaks
 * through a number; the hidden count is the only figure over the whole municipality, and it is a
 * number only.
 */
@ApplicationScoped
public class PartyCaseSearch {
    private final OpenSearchJson openSearch;
    private final AccessFilter access;

    public PartyCaseSearch(OpenSearchJson openSearch, AccessFilter access) {
        this.openSearch = openSearch;
        this.access = access;
    }

    /** What the search found: visible cases (newest activity first), their total, the hidden count, facets, document counts. */
    public record Found(List<IndexedCase> cases, long total, long hidden, Map<String, Map<String, Long>> facets,
                        Map<String, Long> documentCounts) {
        static final Found NOTHING = new Found(List.of(), 0, 0, Map.of(), Map.of());
    }

    public Uni<Found> find(Caller caller, PartyRef party, boolean withDocuments) {
        var search = PartyOverviewQuery.cases(caller.requireMunicipality(), access.casesVisibleTo(caller), party.urn(),
                PartyOverviewQuery.MAX_CASES);
        return openSearch.post(PartyOverviewQuery.CASES_ENDPOINT, Json.toBytes(search))
                .chain(response -> {
                    List<IndexedCase> found = new ArrayList<>();
                    for (JsonNode hit : response.path("hits").path("hits")) {
                        found.add(Json.mapper().convertValue(hit.path("_source"), IndexedCase.class));
                    }
                    Found cases = new Found(found, PartyOverviewQuery.visibleTotal(response), PartyOverviewQuery.hiddenCount(response),
                            PartyOverviewQuery.facets(response), Map.of());
                    if (!withDocuments || found.isEmpty()) {
                        return Uni.createFrom().item(cases);
                    }
                    return documentCounts(caller, found)
                            .map(counts -> new Found(found, cases.total(), cases.hidden(), cases.facets(), counts));
                })
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(Found.NOTHING);
    }

    /** Visible documents per case, counted inside OpenSearch. */
    private Uni<Map<String, Long>> documentCounts(Caller caller, List<IndexedCase> cases) {
        List<String> ids = cases.stream().map(c -> c.id().toString()).toList();
        var request = PartyOverviewQuery.documentCounts(access.documentsOfVisibleCases(caller, ids), ids);
        return openSearch.post(PartyOverviewQuery.DOCUMENT_COUNTS_ENDPOINT, Json.toBytes(request))
                .map(PartyOverviewQuery::documentCounts)
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(Map.of());
    }
}
