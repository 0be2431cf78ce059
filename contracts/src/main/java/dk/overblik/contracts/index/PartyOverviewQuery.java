package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dk.overblik.contracts.index.Queries.bool;
import static dk.overblik.contracts.index.Queries.term;

/**
 * The two OpenSearch requests of a party overview, shared by overview-service and its benchmark
 * so that both send the very same queries.
 * <ol>
 * <li>One case search over the party's cases in the municipality. Hits are narrowed to the
 * visible cases by a post filter; the facets and the visible total are aggregations under the
 * same visibility filter; the only figure over all the party's cases is their number, from which
 * the hidden count is taken. Nothing else about a hidden case leaves OpenSearch.</li>
 * <li>The visible documents per visible case: per source system, a filter aggregation on that
 * system with a terms aggregation over its cases (a document counts only for cases of its own system).</li>
 * </ol>
 */
public final class PartyOverviewQuery {
    /** Where {@link #cases} goes; only the hits' sources and the aggregations come back. */
    public static final String CASES_ENDPOINT = "/" + CaseIndex.READ_ALIAS + "/_search?filter_path=hits.hits._source,aggregations";
    /** Where {@link #documentCounts(ObjectNode, Map)} goes. */
    public static final String DOCUMENT_COUNTS_ENDPOINT = "/" + DocumentIndex.READ_ALIAS + "/_search?filter_path=aggregations";

    /** At most this many cases are listed; the totals still count them all. */
    static final int MAX_CASES = 500;
    private static final String VISIBLE = "visible";
    private static final String ALL = "all";
    private static final String BY_CASE = "byCase";
    private static final String OF_SYSTEM = "ofSystem";

    private PartyOverviewQuery() {
    }

    /** The case search; {@code visible} is {@link AccessQueries#casesVisibleTo} or, without access, a match-nothing query. */
    public static ObjectNode cases(String tenant, ObjectNode visible, String partyUrn) {
        ObjectNode search = Json.mapper().createObjectNode();
        search.put("size", MAX_CASES).put("track_total_hits", false);
        search.set("query", bool(List.of(term(CaseIndex.TENANT, tenant), term(CaseIndex.PARTY_REFS, partyUrn),
                term(CaseIndex.DELETED, false))));
        search.set("post_filter", visible);
        search.putArray("sort").addObject().putObject(CaseIndex.LAST_ACTIVITY_AT).put("order", "desc");
        ObjectNode aggs = search.putObject("aggs");
        aggs.putObject(ALL).putObject("filter").putObject("match_all");
        ObjectNode visibleCases = aggs.putObject(VISIBLE);
        visibleCases.set("filter", visible);
        CaseFacets.addTo(visibleCases);
        return search;
    }

    /** The visible cases the case search listed, newest activity first. */
    public static List<IndexedCase> visibleCases(JsonNode casesResponse) {
        List<IndexedCase> found = new ArrayList<>();
        for (JsonNode hit : casesResponse.path("hits").path("hits")) {
            found.add(Json.mapper().convertValue(hit.path("_source"), IndexedCase.class));
        }
        return found;
    }

    /** How many of the party's cases are visible (the hits stop at the search's size; this does not). */
    public static long visibleTotal(JsonNode casesResponse) {
        return casesResponse.path("aggregations").path(VISIBLE).path("doc_count").asLong();
    }

    /** How many of the party's cases in the municipality the caller may not see. */
    public static long hiddenCount(JsonNode casesResponse) {
        return Math.max(0, casesResponse.path("aggregations").path(ALL).path("doc_count").asLong() - visibleTotal(casesResponse));
    }

    public static Map<String, Map<String, Long>> facets(JsonNode casesResponse) {
        return CaseFacets.read(casesResponse.path("aggregations").path(VISIBLE));
    }

    /**
     * Visible documents per case, for cases the case search found visible (case ids by source
     * system); {@code visibleDocuments} is {@link AccessQueries#documentsOfVisibleCases} for the same
     * cases. A document counts only for cases of its own source system, so each system's cases are
     * counted under a filter on that system.
     */
    public static ObjectNode documentCounts(ObjectNode visibleDocuments, Map<String, List<String>> visibleCaseIdsBySourceSystem) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("size", 0).put("track_total_hits", false);
        request.set("query", visibleDocuments);
        ObjectNode aggs = request.putObject("aggs");
        int n = 0;
        for (Map.Entry<String, List<String>> system : visibleCaseIdsBySourceSystem.entrySet()) {
            ObjectNode ofSystem = aggs.putObject(OF_SYSTEM + n++);
            ofSystem.set("filter", term(DocumentIndex.SOURCE_SYSTEM, system.getKey()));
            ObjectNode byCase = ofSystem.putObject("aggs").putObject(BY_CASE).putObject("terms");
            // "map": few documents match, and the default (global ordinals) allocates a counter for every
            // case id in the index per request, megabytes each, which kept OpenSearch's young GC busy.
            byCase.put("field", DocumentIndex.CASE_IDS).put("size", system.getValue().size()).put("execution_hint", "map");
            system.getValue().forEach(byCase.putArray("include")::add);
        }
        return request;
    }

    /** Case id to visible document count (cases without visible documents are absent). */
    public static Map<String, Long> documentCounts(JsonNode countsResponse) {
        Map<String, Long> counts = new LinkedHashMap<>();
        countsResponse.path("aggregations").forEach(ofSystem -> ofSystem.path(BY_CASE).path("buckets")
                .forEach(b -> counts.merge(b.path("key").asText(), b.path("doc_count").asLong(), Long::sum)));
        return counts;
    }
}
