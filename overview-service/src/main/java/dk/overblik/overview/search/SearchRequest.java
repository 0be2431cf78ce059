package dk.overblik.overview.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A case search: free text over titles, filters (all optional), a sort and a page size;
 * {@code searchAfter} is the {@code nextSearchAfter} of the previous page.
 */
public record SearchRequest(String text, List<String> kle, List<String> progress, List<String> sourceSystem,
                            List<String> responsibleUnit, Instant openedFrom, Instant openedTo, Instant closedFrom,
                            Instant closedTo, Sort sort, Integer size, List<JsonNode> searchAfter) {

    public enum Sort {
        RELEVANCE, LAST_ACTIVITY, OPENED
    }
}
