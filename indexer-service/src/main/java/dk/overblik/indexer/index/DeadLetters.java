package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records that cannot be processed go to {@code <topic>.dlq} unchanged (key, value, headers), with
 * why and where from in headers, so that nothing is lost and the pipeline keeps going. The batch
 * they came in is acknowledged only after the dead-letter topic has them.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private final MutinyEmitter<byte[]> cases;

    public DeadLetters(@Channel("cases-dlq") MutinyEmitter<byte[]> cases) {
        this.cases = cases;
    }

    public Uni<Void> send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rejected.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Rejected rejected) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, rejected.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return cases.sendMessage(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
    }

    /** A record that could not be processed, and why (never its content: it may hold a CPR number). */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }
}
