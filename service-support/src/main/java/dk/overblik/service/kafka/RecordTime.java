package dk.overblik.service.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;

/**
 * When a consumed record was published: the timestamp Kafka keeps with it (the producer's, or the
 * broker's where the topic says so). Consumers judge time rules (a registration time in the
 * future) against it rather than their own clocks, so that the indexer and advis, and any replay
 * of either, decide alike about the same record.
 */
public final class RecordTime {
    private RecordTime() {
    }

    public static Instant publishedAt(ConsumerRecord<?, ?> record) {
        // Only a record of a message format before Kafka 0.10 has none; it is judged as of now.
        return record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    }
}
