package dk.overblik.indexer.ingest;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import io.smallrye.reactive.messaging.MutinyEmitter;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Publishes accepted records as CloudEvents (binary mode), keyed {@code <tenant>/<id>}; completes when Kafka acknowledged. */
@ApplicationScoped
public class RecordPublisher {
    private final MutinyEmitter<byte[]> cases;

    public RecordPublisher(@Channel("cases-out") MutinyEmitter<byte[]> cases) {
        this.cases = cases;
    }

    public Uni<Void> publishCase(CaseRecord record) {
        Message<byte[]> message = Message.of(Json.toBytes(record))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(EventTypes.eventId(EventTypes.CASE_UPSERTED, record.key(), record.version()))
                        .withType(EventTypes.CASE_UPSERTED)
                        .withSource(URI.create(EventTypes.sourceOf(record.tenant(), record.sourceSystem())))
                        .withSubject(record.key())
                        .withTimestamp(ZonedDateTime.ofInstant(record.registeredAt(), ZoneOffset.UTC))
                        .build());
        return cases.sendMessage(message).emitOn(Infrastructure.getDefaultExecutor());
    }
}
