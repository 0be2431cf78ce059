package dk.overblik.advis.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.party.PartyEvent;
import dk.overblik.contracts.validation.PartyEventReader;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * CPR events in, in Overblik's party-event form or the national distributor's form (business
 * event and municipality codes in {@code objekthandling}); both leave as a party event on
 * {@code overblik.party-events.v1}, keyed by the person, with the event id as CloudEvents id so
 * a repeated delivery is recognisable. 202 once Kafka has it; bad input is refused whole.
 */
@Path("/api/v1/cpr-events")
@RolesAllowed(Roles.CPR_DISTRIBUTOR)
public class CprEventResource {
    private static final URI SOURCE = URI.create("urn:overblik:cpr-distributor");

    private final MutinyEmitter<byte[]> partyEvents;

    public CprEventResource(@Channel("party-events-out") MutinyEmitter<byte[]> partyEvents) {
        this.partyEvents = partyEvents;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A CPR event (party-event form or the distributor's form), published as a party event")
    public Uni<Response> receive(byte[] body) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new InvalidInputException("The body is not JSON.", List.of(new Violation("", ViolationCode.MALFORMED_JSON,
                    "is not JSON")));
        }
        if (tree == null) {
            throw new InvalidInputException("The body is empty.", List.of(new Violation("", ViolationCode.REQUIRED, "is required")));
        }
        ReadResult<PartyEvent> read = PartyEventReader.read(tree);
        if (!read.isValid()) {
            throw new InvalidInputException("Not a valid CPR event.", read.violations());
        }
        PartyEvent event = read.value();
        Message<byte[]> message = Message.of(Json.toBytes(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId().toString())
                        .withType(EventTypes.PARTY_EVENT)
                        .withSource(SOURCE)
                        .withTimestamp(ZonedDateTime.ofInstant(event.effectiveAt(), ZoneOffset.UTC))
                        .build());
        return partyEvents.sendMessage(message)
                .emitOn(Infrastructure.getDefaultExecutor())
                .replaceWith(() -> Response.accepted(Map.of("eventId", event.eventId(), "type", event.type())).build());
    }
}
