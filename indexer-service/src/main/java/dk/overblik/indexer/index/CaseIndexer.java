package dk.overblik.indexer.index;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.service.opensearch.Async;
import dk.overblik.service.opensearch.IndexSetup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes batches of case events from Kafka to OpenSearch in one bulk request, with the
 * registration time as external version: a replay, a duplicate or an older version is a
 * version conflict and changes nothing. The batch is acknowledged (and its offsets committed)
 * only after OpenSearch answered; a failed bulk request is retried with back-off.
 */
@ApplicationScoped
public class CaseIndexer {
    private static final Logger LOG = Logger.getLogger(CaseIndexer.class);

    private final OpenSearchAsyncClient client;
    private final IndexSetup setup;
    private final RecordReader reader;
    private final DeadLetters deadLetters;

    public CaseIndexer(OpenSearchAsyncClient client, IndexSetup setup, RecordReader reader, DeadLetters deadLetters) {
        this.client = client;
        this.setup = setup;
        this.reader = reader;
        this.deadLetters = deadLetters;
    }

    @Incoming("cases-in")
    public Uni<Void> index(KafkaRecordBatch<String, byte[]> batch) {
        List<IndexedCase> documents = new ArrayList<>();
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(batch)) {
            String type = header(record, "ce_type");
            if (!EventTypes.CASE_UPSERTED.equals(type)) {
                rejected.add(new DeadLetters.Rejected(record, "Unknown CloudEvents type: " + type));
                continue;
            }
            ReadResult<CaseRecord> result = record.value() == null ? null : reader.readCase(record.value());
            if (result != null && result.isValid()) {
                documents.add(IndexedCase.of(result.value()));
            } else {
                String why = result == null ? "no value" : result.violations().stream()
                        .map(v -> v.path() + " " + v.code()).collect(java.util.stream.Collectors.joining(", "));
                LOG.warnf("Dead-lettering an invalid case at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), why);
                rejected.add(new DeadLetters.Rejected(record, "Invalid case: " + why));
            }
        }
        Uni<Void> written = documents.isEmpty() ? Uni.createFrom().voidItem() : write(documents);
        return written.chain(() -> deadLetters.send(rejected))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> write(List<IndexedCase> documents) {
        return setup.ensure(CaseIndex.DEFINITION)
                .chain(() -> Async.call(() -> client.bulk(bulk(documents))))
                .invoke(this::checkItems)
                .onFailure().invoke(e -> LOG.warnf("Bulk write of %d cases failed, retrying: %s", documents.size(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    private static BulkRequest bulk(List<IndexedCase> documents) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(CaseIndex.WRITE_ALIAS);
        for (IndexedCase doc : documents) {
            bulk.operations(op -> op.index(i -> i
                    .id(IndexedCase.documentId(doc.tenant(), doc.id()))
                    .version(dk.overblik.contracts.record.RegistrationVersion.of(doc.registeredAt()))
                    .versionType(VersionType.External)
                    .document(doc)));
        }
        return bulk.build();
    }

    /** A version conflict means the index already holds this or a newer version: done. Anything else fails the batch. */
    private void checkItems(BulkResponse response) {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null && item.status() != 409) {
                throw new IllegalStateException("OpenSearch refused " + item.id() + ": " + item.error().type() + " " + item.error().reason());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecords<String, byte[]> records(KafkaRecordBatch<String, byte[]> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<String, byte[]>) m.getRecords())
                .orElseThrow(() -> new IllegalStateException("A Kafka batch without its records"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
