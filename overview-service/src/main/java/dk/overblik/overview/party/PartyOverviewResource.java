package dk.overblik.overview.party;

import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.overview.audit.AuditAction;
import dk.overblik.overview.audit.AuditLog;
import dk.overblik.service.problem.InvalidInputException;
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

import java.util.List;
import java.util.Map;

/**
 * One person or company, every case the caller may see. Audited before the answer leaves: the
 * entry is written while the visible documents are counted, and the answer waits for both.
 */
@Path("/api/v1/party-overview")
@RolesAllowed({Roles.CASEWORKER, Roles.CALLCENTER})
public class PartyOverviewResource {
    private final PartyCaseSearch search;
    private final AuditLog audit;
    private final CurrentCaller caller;
    private final CaseViews views;

    public PartyOverviewResource(PartyCaseSearch search, AuditLog audit, CurrentCaller caller, CaseViews views) {
        this.search = search;
        this.audit = audit;
        this.caller = caller;
        this.views = views;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The visible cases of a person (CPR) or company (CVR)")
    public Uni<PartyOverview> overview(PartyOverviewRequest request, @Context HttpServerRequest http) {
        PartyRef party = parse(request);
        Caller who = caller.get();
        String requestId = AuditLog.requestId(http);
        String client = AuditLog.clientAddress(http);
        // OpenSearchJson and the audit log answer on this request's Vert.x context, where the audit log must be called.
        return search.find(who, party)
                .chain(found -> {
                    Uni<Void> audited = audit.record(new AuditLog.Lookup(who, AuditAction.PARTY_OVERVIEW, party.urn(), null,
                            found.cases().size(), (int) found.hidden(), requestId, client));
                    Uni<Map<String, Long>> counts = CaseViews.reduced(who) ? Uni.createFrom().item(Map.of())
                            : search.documentCounts(who, found.cases());
                    // Both must succeed: a lookup whose entry could not be written fails (503) and returns nothing.
                    return Uni.combine().all().unis(audited, counts).with((entryWritten, documentCounts) -> documentCounts)
                            .map(documentCounts -> new PartyOverview(party.urn(), found.cases().stream()
                                    .map(c -> views.of(who, c, documentCounts.getOrDefault(c.id().toString(), 0L))).toList(),
                                    found.total(), found.hidden(), found.facets()));
                });
    }

    private static PartyRef parse(PartyOverviewRequest request) {
        String urn = request == null ? null : request.party();
        return PartyRef.tryParse(urn).orElseThrow(() -> new InvalidInputException("No valid party to look up.",
                List.of(new Violation("party", urn == null ? ViolationCode.REQUIRED : ViolationCode.BAD_PARTY_REF,
                        "must be urn:oio:cpr-nr:<10 digits> or urn:oio:cvr-nr:<8 digits>"))));
    }
}
