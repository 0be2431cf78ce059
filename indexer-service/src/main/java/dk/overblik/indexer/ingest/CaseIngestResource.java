package dk.overblik.indexer.ingest;

import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Vendor systems push cases here. A case is accepted (202) once Kafka holds it durably. */
@Path("/api/v1/cases")
@RolesAllowed(Roles.VENDOR_SYSTEM)
public class CaseIngestResource {
    private final RecordReader reader;
    private final CurrentCaller caller;
    private final RecordPublisher publisher;

    public CaseIngestResource(RecordReader reader, CurrentCaller caller, RecordPublisher publisher) {
        this.reader = reader;
        this.caller = caller;
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a case (or a new version of it)")
    public Uni<Response> register(byte[] body) {
        ReadResult<CaseRecord> result = reader.readCase(body);
        if (!result.isValid()) {
            throw new InvalidInputException("The case breaks the ingest contract.", result.violations());
        }
        CaseRecord record = result.value();
        VendorScope.require(caller.get(), record.sourceSystem(), record.tenant());
        return publisher.publishCase(record).replaceWith(Response.accepted().build());
    }
}
