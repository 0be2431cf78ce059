package dk.overblik.service.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * A consumed record that cannot be processed, and why (never its content: it may hold a CPR
 * number). It goes to {@code <topic>.dlq} unchanged (key, value, headers), with the reason and where
 * it came from in headers, so that nothing is lost and the consumer keeps going.
 */
public record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    /** The record's own headers plus the reason, topic, partition and offset. */
    public RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The value as it came (empty for none). */
    public byte[] value() {
        return record.value() == null ? new byte[0] : record.value();
    }

    /** Sends it to the dead-letter topic {@code emitter} writes to, with its key; done when Kafka has it. */
    public Uni<Void> sendTo(MutinyEmitter<byte[]> emitter) {
        return emitter.sendMessage(Message.of(value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers()).build()));
    }
}
