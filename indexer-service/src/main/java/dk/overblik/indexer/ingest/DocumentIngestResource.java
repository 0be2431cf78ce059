package dk.overblik.indexer.ingest;

import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Vendor systems push documents: one, a batch of up to 1,000 (all or nothing), or a deletion. */
@Path("/api/v1/documents")
@RolesAllowed(Roles.VENDOR_SYSTEM)
public class DocumentIngestResource {
    private final IngestService ingest;
    private final CurrentCaller caller;

    public DocumentIngestResource(IngestService ingest, CurrentCaller caller) {
        this.ingest = ingest;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a document (or a new version of it)")
    public Uni<Response> register(byte[] body) {
        return ingest.one(RecordKind.DOCUMENT, caller.get(), body).map(Accepted::response);
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register up to 1,000 documents; all are accepted or none")
    public Uni<Response> registerBatch(byte[] body) {
        return ingest.batch(RecordKind.DOCUMENT, caller.get(), body).map(Accepted::response);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "The source deleted a document")
    public Uni<Response> delete(@PathParam("id") String id, @QueryParam("registeredAt") String registeredAt,
                                @QueryParam("tenant") String tenant) {
        return ingest.delete(RecordKind.DOCUMENT, caller.get(), id, registeredAt, tenant).map(Accepted::response);
    }
}
