package dk.overblik.overview.search;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.overview.party.CaseView;

import java.util.List;
import java.util.Map;

/**
 * One page of visible cases, their total, facets over all of them, and where the next page starts
 * (null: no more): after {@code nextSearchAfter}, in the {@code pointInTime} the pages are read in
 * (null when the search is read live).
 */
public record SearchResult(List<CaseView> cases, long total, Map<String, Map<String, Long>> facets, List<JsonNode> nextSearchAfter,
                           String pointInTime) {
}
