package dk.overblik.contracts.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facets of a case search: source system, KLE main group (the two-digit entries of kleScope), progress. */
public final class CaseFacets {
    private static final List<String> NAMES = List.of("sourceSystem", "kleMainGroup", "progress");

    private CaseFacets() {
    }

    /** Adds the facet aggregations to {@code owner}: a search body, or an aggregation that narrows the cases first. */
    public static void addTo(ObjectNode owner) {
        ObjectNode aggs = owner.putObject("aggs");
        aggs.putObject("sourceSystem").putObject("terms").put("field", CaseIndex.SOURCE_SYSTEM).put("size", 100);
        aggs.putObject("kleMainGroup").putObject("terms").put("field", CaseIndex.KLE_SCOPE).put("include", "[0-9]{2}")
                .put("size", 100);
        aggs.putObject("progress").putObject("terms").put("field", CaseIndex.PROGRESS).put("size", 20);
    }

    /** Facet name to value to count, from the aggregations that {@link #addTo} asked for. */
    public static Map<String, Map<String, Long>> read(JsonNode aggregations) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : NAMES) {
            Map<String, Long> buckets = new LinkedHashMap<>();
            aggregations.path(facet).path("buckets").forEach(b -> buckets.put(b.path("key").asText(), b.path("doc_count").asLong()));
            facets.put(facet, buckets);
        }
        return facets;
    }
}
