package dk.overblik.indexer.index;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.service.kafka.CloudEventHeaders;
import dk.overblik.service.kafka.DeadLetter;
import dk.overblik.service.kafka.RecordTime;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes batches of case events from Kafka to OpenSearch in one bulk request, with the
 * registration time as external version: a replay, a duplicate or an older version is a version
 * conflict and changes nothing; a deletion is a versioned tombstone that queries exclude, so a
 * late older upsert cannot bring the case back. Written cases then pass their access fields on to
 * their documents, while the next batches are written, in groups of the batches written meanwhile
 * ({@link PropagationGroups}). The batch is acknowledged, and its offsets
 * committed, only after all of that is durable; records that cannot be processed go to the
 * dead-letter topic.
 */
@ApplicationScoped
public class CaseIndexer {
    private final IndexingPipeline pipeline;
    private final OrderedWrites writes = new OrderedWrites(IndexingPipeline.CASE_BATCHES_IN_FLIGHT);
    private final PropagationGroups propagation;

    public CaseIndexer(IndexingPipeline pipeline, IndexerConfig config) {
        this.pipeline = pipeline;
        this.propagation = new PropagationGroups(pipeline.propagation::casesWritten, config.propagationInterval(),
                Infrastructure.getDefaultWorkerPool());
    }

    @Incoming("cases-in")
    public Uni<Void> index(KafkaRecordBatch<String, byte[]> batch) {
        List<ConsumerRecord<String, byte[]>> records = ConsumedBatch.records(batch);
        pipeline.metrics.consumed("cases", records.size());
        List<ConsumerRecord<String, byte[]>> accepted = new ArrayList<>();
        List<IndexedCase> documents = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            IndexedCase doc = read(record, rejected);
            if (doc != null) {
                accepted.add(record);
                documents.add(doc);
            }
        }
        // Encoded now, while the batch before is written.
        List<BulkWriter.Operation> operations = documents.stream()
                .map(d -> BulkWriter.Operation.versionedIndex(CaseIndex.WRITE_ALIAS, IndexedCase.documentId(d.tenant(), d.id()),
                        RegistrationVersion.of(d.registeredAt()), d))
                .toList();
        return pipeline.process(writes, batch, rejected, () -> write(accepted, documents, operations, rejected),
                propagation::casesWritten);
    }

    private IndexedCase read(ConsumerRecord<String, byte[]> record, List<DeadLetter> rejected) {
        String type = CloudEventHeaders.type(record);
        if (record.value() == null) {
            reject(record, "No value", rejected);
            return null;
        }
        RecordReader reader = pipeline.reader.asOf(RecordTime.judgedAt(record));
        if (EventTypes.CASE_UPSERTED.equals(type)) {
            var result = reader.readCase(record.value());
            if (result.isValid()) {
                return IndexedCase.of(result.value());
            }
            reject(record, "Invalid case: " + describe(result), rejected);
        } else if (EventTypes.CASE_DELETED.equals(type)) {
            var result = reader.readDeletion(record.value());
            if (result.isValid()) {
                return IndexedCase.tombstone(result.value());
            }
            reject(record, "Invalid case deletion: " + describe(result), rejected);
        } else {
            reject(record, "Unknown CloudEvents type: " + type, rejected);
        }
        return null;
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason, List<DeadLetter> rejected) {
        pipeline.reject(record, reason, rejected);
    }

    /** Writes the cases; gives those written or already there, whose access the follow-up passes on to their documents. */
    private Uni<List<IndexedCase>> write(List<ConsumerRecord<String, byte[]>> records, List<IndexedCase> documents,
                                         List<BulkWriter.Operation> operations, List<DeadLetter> rejected) {
        if (documents.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pipeline.setup.ensure(CaseIndex.DEFINITION)
                .chain(() -> pipeline.bulk.write("case", operations))
                .map(results -> {
                    // Stale cases are passed on too: a replay's case is stale when its first write got through but the
                    // propagation after it did not (a crash, a rebalance, a lost answer). Propagation takes only newer versions.
                    List<IndexedCase> passOn = new ArrayList<>();
                    int written = 0;
                    for (int i = 0; i < results.size(); i++) {
                        IndexedCase doc = documents.get(i);
                        switch (results.get(i).outcome()) {
                            case WRITTEN -> {
                                written++;
                                passOn.add(doc);
                                pipeline.quality.accepted(doc.tenant(), doc.sourceSystem(), doc.registeredAt());
                            }
                            case STALE -> {
                                passOn.add(doc);
                                pipeline.metrics.stale("case");
                                pipeline.quality.accepted(doc.tenant(), doc.sourceSystem(), doc.registeredAt());
                            }
                            case REJECTED -> reject(records.get(i), "OpenSearch refused the case: " + results.get(i).reason(), rejected);
                        }
                    }
                    pipeline.metrics.indexed("case", written);
                    return passOn;
                });
    }

    static String describe(ReadResult<?> result) {
        return result.violations().stream().map(v -> v.path() + " " + v.code())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
