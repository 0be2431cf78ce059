package dk.overblik.indexer.ingest;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.json.Json;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Publishes accepted records as CloudEvents in binary mode, keyed {@code <tenant>/<id>}, with a
 * deterministic event id per registration; completes when Kafka has acknowledged them all.
 */
@ApplicationScoped
public class RecordPublisher {
    private final MutinyEmitter<byte[]> cases;
    private final MutinyEmitter<byte[]> documents;

    public RecordPublisher(@Channel("cases-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16_384)
                           MutinyEmitter<byte[]> cases,
                           @Channel("documents-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16_384)
                           MutinyEmitter<byte[]> documents) {
        this.cases = cases;
        this.documents = documents;
    }

    /** An upsert or deletion to publish: the event type, its fields and the JSON payload. */
    record Event(RecordKind kind, String type, RecordKind.Fields fields, Object payload) {
    }

    public Uni<Void> publish(List<Event> events) {
        return Uni.join().all(events.stream().map(this::publish).toList()).andFailFast()
                .replaceWithVoid()
                // Acknowledgements arrive on Kafka's I/O thread; continue elsewhere.
                .emitOn(Infrastructure.getDefaultExecutor());
    }

    private Uni<Void> publish(Event event) {
        RecordKind.Fields f = event.fields();
        Message<byte[]> message = Message.of(Json.toBytes(event.payload()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(f.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(EventTypes.eventId(event.type(), f.key(), f.version()))
                        .withType(event.type())
                        .withSource(URI.create(EventTypes.sourceOf(f.tenant(), f.sourceSystem())))
                        .withSubject(f.key())
                        .withTimestamp(ZonedDateTime.ofInstant(f.registeredAt(), ZoneOffset.UTC))
                        .build());
        return (event.kind() == RecordKind.CASE ? cases : documents).sendMessage(message);
    }
}
