package dk.overblik.simulator.deliver;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.party.PartyEvent;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.validation.PartyEventReader;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.SimRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes straight to Overblik's topics as a source system's Kafka adapter would: CloudEvents in
 * binary mode ({@code ce_*} headers, the record JSON as value), keyed {@code <tenant>/<id>};
 * CPR events as party events keyed by the CPR number. Organisation exports are not Kafka input
 * (org-sync imports them over HTTP or from files).
 */
public final class KafkaSink implements Sink {
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public KafkaSink(String bootstrap) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void organisation(Municipality municipality, OrgExport export) {
        // Not a Kafka input; see the class comment.
    }

    @Override
    public void accept(SimRecord record) {
        if (record instanceof SimRecord.CaseVersion c) {
            send(Topics.CASES, c.record().key(), EventTypes.CASE_UPSERTED, c.record().version(), c.record().tenant(),
                    c.record().sourceSystem(), c.record().registeredAt(), Json.toBytes(c.record()));
        } else if (record instanceof SimRecord.DocumentVersion d) {
            send(Topics.DOCUMENTS, d.record().key(), EventTypes.DOCUMENT_UPSERTED, d.record().version(), d.record().tenant(),
                    d.record().sourceSystem(), d.record().registeredAt(), Json.toBytes(d.record()));
        } else if (record instanceof SimRecord.CaseDeletion d) {
            deletion(Topics.CASES, EventTypes.CASE_DELETED, d.deletion());
        } else if (record instanceof SimRecord.DocumentDeletion d) {
            deletion(Topics.DOCUMENTS, EventTypes.DOCUMENT_DELETED, d.deletion());
        } else if (record instanceof SimRecord.CprEventRecord e) {
            PartyEvent event = PartyEventReader.readCprEvent(Json.mapper().valueToTree(e.event())).value();
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.PARTY_EVENTS, event.key(), Json.toBytes(event));
            headers(out, event.eventId().toString(), EventTypes.PARTY_EVENT, "urn:overblik:source:cpr", event.effectiveAt());
            producer.send(out, this::completed);
        }
    }

    private void deletion(String topic, String type, Deletion deletion) {
        send(topic, deletion.key(), type, deletion.version(), deletion.tenant(), deletion.sourceSystem(), deletion.registeredAt(),
                Json.toBytes(deletion));
    }

    private void send(String topic, String key, String type, long version, String tenant, String sourceSystem, Instant time,
                      byte[] value) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, key, value);
        headers(out, EventTypes.eventId(type, key, version), type, EventTypes.sourceOf(tenant, sourceSystem), time);
        producer.send(out, this::completed);
    }

    private static void headers(ProducerRecord<String, byte[]> out, String id, String type, String source, Instant time) {
        out.headers().add("ce_specversion", bytes("1.0"));
        out.headers().add("ce_id", bytes(id));
        out.headers().add("ce_type", bytes(type));
        out.headers().add("ce_source", bytes(source));
        out.headers().add("ce_time", bytes(time.toString()));
        out.headers().add("content-type", bytes("application/json"));
    }

    private void completed(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
        if (e != null) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long failures() {
        return failures.get();
    }

    public Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
