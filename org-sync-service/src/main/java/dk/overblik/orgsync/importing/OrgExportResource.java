package dk.overblik.orgsync.importing;

import dk.overblik.contracts.value.Cvr;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Full organisation exports in: uploaded by a loader system or an admin, or pulled on demand. A
 * refused export answers 400 with every problem listed; the last good organisation is kept.
 */
@Path("/api/v1/org-exports/{cvr}")
public class OrgExportResource {
    private final OrgImport orgImport;
    private final ExportPuller puller;
    private final CurrentCaller caller;

    public OrgExportResource(OrgImport orgImport, ExportPuller puller, CurrentCaller caller) {
        this.orgImport = orgImport;
        this.puller = puller;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ORG_LOADER, Roles.ADMIN})
    @Operation(summary = "Import a municipality's full organisation export (OS2sync shape); units and users it lacks end")
    public Uni<SyncReport> upload(@PathParam("cvr") String cvr, byte[] body) {
        mayWrite(caller.get(), cvr);
        return orgImport.importExport(cvr, body, ImportChannel.UPLOAD).map(OrgExportResource::answer);
    }

    @POST
    @Path("/pull")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Pull the municipality's export from its configured URL now")
    public Uni<SyncReport> pullNow(@PathParam("cvr") String cvr) {
        mayWrite(caller.get(), cvr);
        return puller.pull(cvr).map(OrgExportResource::answer);
    }

    static SyncReport answer(SyncReport report) {
        return switch (report.outcome()) {
            case APPLIED, UNCHANGED -> report;
            case REFUSED -> throw new InvalidInputException("The organisation export was refused as a whole (sync run "
                    + report.runId() + "); the last good organisation is kept.", report.violations());
            case FAILED -> throw new ProblemException(502, "export-unavailable", "The export could not be fetched",
                    report.detail() + " (sync run " + report.runId() + "); the last good organisation is kept.");
        };
    }

    /** An admin writes for their own municipality; a loader for the municipalities its token names. */
    static void mayWrite(Caller who, String cvr) {
        if (!Cvr.isValid(cvr)) {
            throw new ProblemException(404, "unknown-municipality", "No such municipality", "'" + cvr + "' is not a CVR number.");
        }
        boolean allowed = who.hasRole(Roles.ORG_LOADER) ? who.municipalities().contains(cvr) : cvr.equals(who.municipality());
        if (!allowed) {
            throw new ProblemException(403, "other-municipality", "Not your municipality",
                    "The token does not allow organisation exports for " + cvr + ".");
        }
    }
}
