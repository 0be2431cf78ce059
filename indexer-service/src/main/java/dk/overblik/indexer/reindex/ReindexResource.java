package dk.overblik.indexer.reindex;

import dk.overblik.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/** Reindex an index into its next version with no downtime for searches (admin only). */
@Path("/api/v1/admin")
@RolesAllowed(Roles.ADMIN)
public class ReindexResource {
    private final Reindexer reindexer;

    public ReindexResource(Reindexer reindexer) {
        this.reindexer = reindexer;
    }

    @POST
    @Path("/indices/{index}/reindex")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start copying the index into its next version; aliases swap when the copy is complete")
    public Response start(@PathParam("index") String index, @jakarta.ws.rs.core.Context UriInfo uri) {
        Reindexer.Job job = reindexer.start(index);
        return Response.accepted(job).location(uri.getBaseUriBuilder().path("/api/v1/admin/reindex-jobs/" + job.id()).build()).build();
    }

    @GET
    @Path("/reindex-jobs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How a reindex is going")
    public Reindexer.Job job(@PathParam("id") UUID id) {
        return reindexer.job(id);
    }
}
