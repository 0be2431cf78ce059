package dk.overblik.indexer.index;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Kafka records of a consumed batch, in offset order per partition, with their CloudEvents type. */
final class ConsumedBatch {
    private ConsumedBatch() {
    }

    @SuppressWarnings("unchecked")
    static List<ConsumerRecord<String, byte[]>> records(KafkaRecordBatch<String, byte[]> batch) {
        ConsumerRecords<String, byte[]> records = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords())
                .orElseThrow(() -> new IllegalStateException("A Kafka batch without its records"));
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    static String type(ConsumerRecord<?, ?> record) {
        return header(record, "ce_type");
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
