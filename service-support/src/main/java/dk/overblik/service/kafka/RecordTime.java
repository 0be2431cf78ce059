package dk.overblik.service.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;

/**
 * The time a consumer judges a record's time rules against (a registration time in the future):
 * when the record was published, by the timestamp Kafka keeps with it, but never later than now.
 * So the indexer and advis, and any replay of either, decide alike about the same record, while a
 * producer whose clock runs ahead (on a {@code CreateTime} topic the timestamp is the producer's)
 * still cannot get a registration time past the consumer's own clock.
 */
public final class RecordTime {
    private RecordTime() {
    }

    public static Instant judgedAt(ConsumerRecord<?, ?> record) {
        Instant now = Instant.now();
        // Only a record of a message format before Kafka 0.10 has no timestamp.
        if (record.timestamp() < 0) {
            return now;
        }
        Instant publishedAt = Instant.ofEpochMilli(record.timestamp());
        return publishedAt.isBefore(now) ? publishedAt : now;
    }
}
