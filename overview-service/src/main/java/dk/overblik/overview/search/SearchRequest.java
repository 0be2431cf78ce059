package dk.overblik.overview.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A case search: free text over titles, filters (all optional), a sort and a page size; for a
 * next page, {@code searchAfter} and {@code pointInTime} are the {@code nextSearchAfter} and
 * {@code pointInTime} of the page before.
 */
public record SearchRequest(String text, List<String> kle, List<String> progress, List<String> sourceSystem,
                            List<String> responsibleUnit, Instant openedFrom, Instant openedTo, Instant closedFrom,
                            Instant closedTo, Sort sort, Integer size, List<JsonNode> searchAfter, String pointInTime) {

    /** Whether this asks for a page after the first (it names where the page before ended). */
    boolean isNextPage() {
        return searchAfter != null && !searchAfter.isEmpty();
    }

    /** The search as the audit log keeps it: without the point in time, which only says where it was read. */
    SearchRequest withoutPointInTime() {
        return new SearchRequest(text, kle, progress, sourceSystem, responsibleUnit, openedFrom, openedTo, closedFrom, closedTo, sort,
                size, searchAfter, null);
    }

    public enum Sort {
        RELEVANCE, LAST_ACTIVITY, OPENED
    }
}
