package dk.overblik.overview.party;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.service.opensearch.Queries;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.overview.access.AccessFilter;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a party's visible cases, their facets and visible document counts, and how many of the
 * party's cases in the municipality the caller may not see. Every count and facet comes from a
 * query that carries the access filter, so nothing leaks through a number; the hidden count is
 * the only figure taken over the whole municipality, and it is a number only.
 */
@ApplicationScoped
public class PartyCaseSearch {
    static final int MAX_CASES = 500;

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
        ObjectNode partyCase = Queries.bool(List.of(Queries.term(CaseIndex.PARTY_REFS, party.urn()),
                Queries.term(CaseIndex.DELETED, false)));
        ObjectNode visible = Json.mapper().createObjectNode();
        visible.put("size", MAX_CASES).put("track_total_hits", true);
        visible.set("query", Queries.bool(List.of(access.casesVisibleTo(caller), partyCase)));
        visible.putArray("sort").addObject().putObject(CaseIndex.LAST_ACTIVITY_AT).put("order", "desc");
        addFacets(visible);

        ObjectNode all = Json.mapper().createObjectNode();
        all.set("query", Queries.bool(List.of(access.casesInMunicipality(caller), partyCase)));

        Uni<JsonNode> cases = openSearch.post("/" + CaseIndex.READ_ALIAS + "/_search", Json.toBytes(visible));
        Uni<JsonNode> count = openSearch.post("/" + CaseIndex.READ_ALIAS + "/_count", Json.toBytes(all));
        return Uni.combine().all().unis(cases, count).asTuple()
                .chain(both -> {
                    JsonNode response = both.getItem1();
                    List<IndexedCase> found = new ArrayList<>();
                    for (JsonNode hit : response.path("hits").path("hits")) {
                        found.add(Json.mapper().convertValue(hit.path("_source"), IndexedCase.class));
                    }
                    long total = response.path("hits").path("total").path("value").asLong();
                    long hidden = Math.max(0, both.getItem2().path("count").asLong() - total);
                    Map<String, Map<String, Long>> facets = facets(response);
                    if (!withDocuments || found.isEmpty()) {
                        return Uni.createFrom().item(new Found(found, total, hidden, facets, Map.of()));
                    }
                    return documentCounts(caller, found).map(counts -> new Found(found, total, hidden, facets, counts));
                })
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(Found.NOTHING);
    }

    /** Asks a case search for its facets: source system, KLE main group (the two-digit entries of kleScope), progress. */
    public static void addFacets(ObjectNode search) {
        ObjectNode aggs = search.putObject("aggs");
        aggs.putObject("sourceSystem").putObject("terms").put("field", "sourceSystem").put("size", 100);
        aggs.putObject("kleMainGroup").putObject("terms").put("field", CaseIndex.KLE_SCOPE).put("include", "[0-9]{2}")
                .put("size", 100);
        aggs.putObject("progress").putObject("terms").put("field", "progress").put("size", 20);
    }

    /** The facet aggregations of a case search: facet name to value to count. */
    public static Map<String, Map<String, Long>> facets(JsonNode response) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : List.of("sourceSystem", "kleMainGroup", "progress")) {
            Map<String, Long> buckets = new LinkedHashMap<>();
            response.path("aggregations").path(facet).path("buckets")
                    .forEach(b -> buckets.put(b.path("key").asText(), b.path("doc_count").asLong()));
            facets.put(facet, buckets);
        }
        return facets;
    }

    /** Visible documents per case, counted inside OpenSearch over the documents the caller may see. */
    private Uni<Map<String, Long>> documentCounts(Caller caller, List<IndexedCase> cases) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("size", 0);
        ObjectNode ofTheseCases = Json.mapper().createObjectNode();
        ArrayNode ids = ofTheseCases.putObject("nested").put("path", DocumentIndex.CASES).putObject("query").putObject("terms")
                .putArray(DocumentIndex.CASES_CASE_ID);
        cases.forEach(c -> ids.add(c.id().toString()));
        request.set("query", Queries.bool(List.of(access.documentsVisibleTo(caller),
                Queries.term(DocumentIndex.DELETED, false), ofTheseCases)));
        ObjectNode casesAgg = request.putObject("aggs").putObject("cases");
        casesAgg.putObject("nested").put("path", DocumentIndex.CASES);
        ObjectNode byCase = casesAgg.putObject("aggs").putObject("byCase").putObject("terms");
        byCase.put("field", DocumentIndex.CASES_CASE_ID).put("size", cases.size());
        byCase.set("include", ids.deepCopy());
        return openSearch.post("/" + DocumentIndex.READ_ALIAS + "/_search", Json.toBytes(request))
                .map(response -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    response.path("aggregations").path("cases").path("byCase").path("buckets")
                            .forEach(b -> counts.put(b.path("key").asText(), b.path("doc_count").asLong()));
                    return counts;
                })
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(Map.of());
    }
}
