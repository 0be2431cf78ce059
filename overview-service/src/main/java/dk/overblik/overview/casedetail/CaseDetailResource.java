package dk.overblik.overview.casedetail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.index.AccessQueries;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.index.Queries;
import dk.overblik.contracts.json.Json;
import dk.overblik.overview.access.AccessFilter;
import dk.overblik.overview.audit.AuditAction;
import dk.overblik.overview.audit.AuditLog;
import dk.overblik.overview.party.CaseViews;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One case with a page of its documents. A case that does not exist and a case the caller may not
 * see both answer 404, with the same words. Audited before the answer leaves, including a 404.
 */
@Path("/api/v1/cases/{id}")
@RolesAllowed({Roles.CASEWORKER, Roles.CALLCENTER})
public class CaseDetailResource {
    static final int MAX_PAGE_SIZE = 100;
    /** How much of a malformed id the audit entry keeps. */
    private static final int MAX_AUDITED_ID = 100;

    private final OpenSearchJson openSearch;
    private final AccessFilter access;
    private final AuditLog audit;
    private final CurrentCaller caller;
    private final CaseViews views;

    public CaseDetailResource(OpenSearchJson openSearch, AccessFilter access, AuditLog audit, CurrentCaller caller, CaseViews views) {
        this.openSearch = openSearch;
        this.access = access;
        this.audit = audit;
        this.caller = caller;
        this.views = views;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A visible case and a page of its visible documents")
    public Uni<CaseDetail> detail(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("50") int size, @Context HttpServerRequest http) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || ((long) page + 1) * size > 10_000) {
            throw new ProblemException(400, "bad-page", "Bad page", "page >= 0, size 1-" + MAX_PAGE_SIZE
                    + ", and no further than the first 10,000 documents.");
        }
        Caller who = caller.get();
        UUID caseId = parse(id);
        // An id that is no case id finds nothing, but the attempt is audited as any lookup (a person number typed in the
        // wrong field, say).
        String subject = "case:" + (caseId == null ? abbreviated(id) : caseId);
        boolean withDocuments = who.hasRole(Roles.CASEWORKER);
        return (caseId == null ? Uni.createFrom().<IndexedCase>nullItem() : findCase(who, caseId))
                .chain(found -> found == null
                        ? Uni.createFrom().<CaseDetail>nullItem()
                        : (withDocuments ? documents(who, found, page, size) : Uni.createFrom().item(new Page(List.of(), 0)))
                                .map(docs -> new CaseDetail(views.of(who, found, withDocuments ? docs.total() : null),
                                        docs.documents(), docs.total(), page, size)))
                .call(detail -> audit.record(new AuditLog.Lookup(who, AuditAction.CASE_VIEW, subject, null,
                        detail == null ? 0 : 1, 0, AuditLog.requestId(http), AuditLog.clientAddress(http))))
                .onItem().ifNull().failWith(CaseDetailResource::noSuchCase);
    }

    private record Page(List<DocumentView> documents, long total) {
    }

    private Uni<IndexedCase> findCase(Caller who, UUID caseId) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("size", 1);
        request.set("query", Queries.bool(List.of(access.casesVisibleTo(who), Queries.term("id", caseId.toString()),
                Queries.term(CaseIndex.DELETED, false))));
        return openSearch.post("/" + CaseIndex.READ_ALIAS + "/_search", Json.toBytes(request))
                .map(response -> {
                    JsonNode hits = response.path("hits").path("hits");
                    return hits.isEmpty() ? null : Json.mapper().convertValue(hits.get(0).path("_source"), IndexedCase.class);
                })
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithNull();
    }

    private Uni<Page> documents(Caller who, IndexedCase visibleCase, int page, int size) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("from", page * size).put("size", size).put("track_total_hits", true);
        request.set("query", access.documentsOfVisibleCases(who, AccessQueries.idsBySourceSystem(List.of(visibleCase))));
        var sort = request.putArray("sort");
        sort.addObject().putObject("letterDate").put("order", "desc").put("missing", "_last");
        sort.addObject().putObject("id").put("order", "asc");
        return openSearch.post("/" + DocumentIndex.READ_ALIAS + "/_search", Json.toBytes(request))
                .map(response -> {
                    List<DocumentView> documents = new ArrayList<>();
                    var callersAccess = access.accessOf(who);
                    response.path("hits").path("hits").forEach(hit -> documents.add(
                            DocumentView.of(Json.mapper().convertValue(hit.path("_source"), IndexedDocument.class), callersAccess)));
                    return new Page(documents, response.path("hits").path("total").path("value").asLong());
                })
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(new Page(List.of(), 0));
    }

    /** The case id, or null when {@code id} is none (strictly the 36-character form). */
    private static UUID parse(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            return parsed.toString().equalsIgnoreCase(id) ? parsed : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviated(String id) {
        return id.length() <= MAX_AUDITED_ID ? id : id.substring(0, MAX_AUDITED_ID) + "...";
    }

    /** The same answer for a case that does not exist and one the caller may not see. */
    private static ProblemException noSuchCase() {
        // The id is not echoed: whatever was put in the path (a CPR number by mistake) does not come back.
        return new ProblemException(404, "no-such-case", "No such case", "There is no case with that id that you may see.");
    }
}
