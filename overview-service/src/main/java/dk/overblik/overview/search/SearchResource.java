package dk.overblik.overview.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.index.Queries;
import dk.overblik.contracts.index.CaseFacets;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.Kle;
import dk.overblik.overview.access.AccessFilter;
import dk.overblik.overview.audit.AuditAction;
import dk.overblik.overview.audit.AuditLog;
import dk.overblik.overview.party.CaseView;
import dk.overblik.overview.party.CaseViews;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Free-text and filtered search over the cases the caller may see, with facets and
 * {@code search_after} paging. The pages of one search are read in one point in time of the
 * index, so that cases written meanwhile neither shift the pages (a case whose activity moved it
 * forward would be skipped, one moved back shown twice) nor change the relevance scores the
 * cursor holds; every sort ends with the case id. Caseworkers only; audited with the query
 * before the answer leaves.
 */
@Path("/api/v1/search")
@RolesAllowed(Roles.CASEWORKER)
public class SearchResource {
    static final int MAX_SIZE = 100;
    /** How long a search's point in time is kept without a next page; each page keeps it that much longer. */
    static final String KEEP_ALIVE = "1m";
    private static final int POINT_IN_TIME_MAX = 4096;
    private static final Logger LOG = Logger.getLogger(SearchResource.class);

    private final OpenSearchJson openSearch;
    private final AccessFilter access;
    private final AuditLog audit;
    private final CurrentCaller caller;
    private final CaseViews views;

    public SearchResource(OpenSearchJson openSearch, AccessFilter access, AuditLog audit, CurrentCaller caller, CaseViews views) {
        this.openSearch = openSearch;
        this.access = access;
        this.audit = audit;
        this.caller = caller;
        this.views = views;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search the visible cases: free text over titles, filters, sort, facets, search_after paging")
    public Uni<SearchResult> search(SearchRequest request, @Context HttpServerRequest http) {
        SearchRequest r = request == null
                ? new SearchRequest(null, null, null, null, null, null, null, null, null, null, null, null, null) : request;
        check(r);
        Caller who = caller.get();
        int size = r.size() == null ? 25 : r.size();
        SearchRequest.Sort sort = r.sort() != null ? r.sort() : r.text() == null ? SearchRequest.Sort.LAST_ACTIVITY
                : SearchRequest.Sort.RELEVANCE;
        boolean nextPage = r.isNextPage();
        Uni<String> pointInTime = nextPage ? Uni.createFrom().item(r.pointInTime()) : openPointInTime();
        return pointInTime
                .chain(pit -> openSearch.post(pit == null ? "/" + CaseIndex.READ_ALIAS + "/_search" : "/_search",
                                Json.toBytes(query(who, r, sort, size, pit)))
                        .onFailure(e -> pit != null && nextPage && e instanceof OpenSearchJson.Failure f && f.status() < 500)
                        .transform(SearchResource::pointInTimeGone)
                        .onFailure(OpenSearchJson.Failure::isMissingIndex)
                        .recoverWithItem(Json.mapper().createObjectNode())
                        .map(response -> result(who, response, size)))
                .call(result -> audit.record(new AuditLog.Lookup(who, AuditAction.SEARCH, null, Json.toString(r.withoutPointInTime()),
                        result.cases().size(), 0, AuditLog.requestId(http), AuditLog.clientAddress(http))));
    }

    /**
     * A point in time of the case index for the pages of a new search. Without one (no index yet, or
     * OpenSearch keeps as many open as it allows) the pages are read live.
     */
    private Uni<String> openPointInTime() {
        return openSearch.post("/" + CaseIndex.READ_ALIAS + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE, null)
                .map(response -> response.path("pit_id").asText(null))
                .onFailure(OpenSearchJson.Failure.class).recoverWithItem(e -> {
                    if (!OpenSearchJson.Failure.isMissingIndex(e)) {
                        LOG.warnf("No point in time for a search (%s); its pages are read live", e.getMessage());
                    }
                    return null;
                });
    }

    /** What OpenSearch refuses of a next page in a given point in time: it is gone (kept too long) or was never one. */
    private static ProblemException pointInTimeGone(Throwable failure) {
        return new ProblemException(410, "search-expired", "The search has expired",
                "A search's pages are kept " + KEEP_ALIVE + " after the last one was read, and this pointInTime is gone or was none."
                        + " Start the search again.", failure);
    }

    /** The point in time of the last page: let go of it now, not when it expires. Nobody waits for the answer. */
    private void closePointInTime(String pit) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("pit_id").add(pit);
        openSearch.send("DELETE", "/_search/point_in_time", Json.toBytes(body), "application/json").subscribe().with(
                done -> { },
                failure -> LOG.debugf("A search's point in time was not closed (%s); it expires", failure.getMessage()));
    }

    private ObjectNode query(Caller who, SearchRequest r, SearchRequest.Sort sort, int size, String pit) {
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(access.casesVisibleTo(who));
        // A point in time comes from the caller: whichever index it was opened on, only cases are read.
        filters.add(Queries.prefix("_index", CaseIndex.DEFINITION.versionPrefix()));
        filters.add(Queries.term(CaseIndex.DELETED, false));
        addTerms(filters, CaseIndex.KLE_SCOPE, r.kle());
        addTerms(filters, "progress", r.progress());
        addTerms(filters, "sourceSystem", r.sourceSystem());
        addTerms(filters, CaseIndex.RESPONSIBLE_UNIT, r.responsibleUnit());
        addRange(filters, "openedAt", r.openedFrom(), r.openedTo());
        addRange(filters, "closedAt", r.closedFrom(), r.closedTo());
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", size).put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filters.forEach(filter::add);
        if (r.text() != null && !r.text().isBlank()) {
            bool.putArray("must").addObject().putObject("match").putObject("title").put("query", r.text()).put("operator", "and");
        }
        ArrayNode sorts = body.putArray("sort");
        switch (sort) {
            case RELEVANCE -> sorts.addObject().putObject("_score").put("order", "desc");
            case LAST_ACTIVITY -> sorts.addObject().putObject(CaseIndex.LAST_ACTIVITY_AT).put("order", "desc");
            case OPENED -> sorts.addObject().putObject("openedAt").put("order", "desc").put("missing", "_last");
        }
        sorts.addObject().putObject("id").put("order", "asc");
        if (r.isNextPage()) {
            ArrayNode after = body.putArray("search_after");
            r.searchAfter().forEach(after::add);
        }
        if (pit != null) {
            body.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
        }
        CaseFacets.addTo(body);
        return body;
    }

    private SearchResult result(Caller who, JsonNode response, int size) {
        List<CaseView> cases = new ArrayList<>();
        JsonNode last = null;
        for (JsonNode hit : response.path("hits").path("hits")) {
            cases.add(views.of(who, Json.mapper().convertValue(hit.path("_source"), IndexedCase.class), null));
            last = hit.path("sort");
        }
        List<JsonNode> next = null;
        if (last != null && cases.size() == size) {
            next = new ArrayList<>();
            last.forEach(next::add);
        }
        // OpenSearch may give the point in time a new id with each page: the next page takes the newest.
        String pit = response.path("pit_id").asText(null);
        if (next == null && pit != null) {
            closePointInTime(pit);
            pit = null;
        }
        return new SearchResult(cases, response.path("hits").path("total").path("value").asLong(),
                CaseFacets.read(response.path("aggregations")), next, pit);
    }

    private static void addTerms(List<ObjectNode> filters, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            filters.add(Queries.terms(field, values));
        }
    }

    private static void addRange(List<ObjectNode> filters, String field, java.time.Instant from, java.time.Instant to) {
        if (from == null && to == null) {
            return;
        }
        ObjectNode range = Json.mapper().createObjectNode();
        ObjectNode bounds = range.putObject("range").putObject(field);
        if (from != null) {
            bounds.put("gte", from.toString());
        }
        if (to != null) {
            bounds.put("lte", to.toString());
        }
        filters.add(range);
    }

    private static void check(SearchRequest r) {
        List<Violation> violations = new ArrayList<>();
        if (r.size() != null && (r.size() < 1 || r.size() > MAX_SIZE)) {
            violations.add(new Violation("size", ViolationCode.OUT_OF_RANGE, "must be 1-" + MAX_SIZE));
        }
        if (r.text() != null && r.text().length() > 200) {
            violations.add(new Violation("text", ViolationCode.TOO_LONG, "must be at most 200 characters"));
        }
        if (r.kle() != null) {
            for (int i = 0; i < r.kle().size(); i++) {
                if (!Kle.isScopeEntry(r.kle().get(i))) {
                    violations.add(new Violation("kle[" + i + "]", ViolationCode.BAD_KLE_SUBJECT, "must be NN, NN.NN or NN.NN.NN"));
                }
            }
        }
        if (r.responsibleUnit() != null) {
            for (int i = 0; i < r.responsibleUnit().size(); i++) {
                try {
                    UUID.fromString(r.responsibleUnit().get(i));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation("responsibleUnit[" + i + "]", ViolationCode.BAD_UUID, "must be a UUID"));
                }
            }
        }
        if (r.openedFrom() != null && r.openedTo() != null && r.openedFrom().isAfter(r.openedTo())) {
            violations.add(new Violation("openedFrom", ViolationCode.INCONSISTENT, "must not be after openedTo"));
        }
        if (r.closedFrom() != null && r.closedTo() != null && r.closedFrom().isAfter(r.closedTo())) {
            violations.add(new Violation("closedFrom", ViolationCode.INCONSISTENT, "must not be after closedTo"));
        }
        if (r.pointInTime() != null && !r.isNextPage()) {
            violations.add(new Violation("pointInTime", ViolationCode.INCONSISTENT, "goes with searchAfter, for a next page"));
        }
        if (r.pointInTime() != null && (r.pointInTime().isBlank() || r.pointInTime().length() > POINT_IN_TIME_MAX)) {
            violations.add(new Violation("pointInTime", ViolationCode.BAD_FORMAT, "must be the pointInTime of an earlier page"));
        }
        // Every sort is a number (score or time) and then the case id: a nextSearchAfter has exactly that shape.
        if (r.isNextPage() && (r.searchAfter().size() != 2
                || r.searchAfter().get(0) == null || !r.searchAfter().get(0).isNumber()
                || r.searchAfter().get(1) == null || !r.searchAfter().get(1).isTextual())) {
            violations.add(new Violation("searchAfter", ViolationCode.BAD_FORMAT, "must be a nextSearchAfter of an earlier page"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Not a valid search.", violations);
        }
    }
}
