package dk.overblik.indexer.index;

import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.indexer.quality.QualityRecorder;
import dk.overblik.service.kafka.CloudEventHeaders;
import dk.overblik.service.kafka.DeadLetter;
import dk.overblik.service.opensearch.IndexSetup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the case and document indexers share: their collaborators, and the order every batch
 * goes through: refuse or set aside what is invalid, write the rest through the write gate, then
 * dead-letter, then acknowledge (so offsets are committed only after all of it is durable). Each
 * channel writes one batch at a time, in order, while it reads the next and follows up the one
 * before ({@link OrderedWrites}).
 */
// A @Singleton, not @ApplicationScoped: the indexers read its fields, and a client proxy has none.
@Singleton
public class IndexingPipeline {
    private static final Logger LOG = Logger.getLogger(IndexingPipeline.class);
    /** Document batches between the start of their write and their acknowledgement. */
    static final int DOCUMENT_BATCHES_IN_FLIGHT = 3;
    /**
     * Case batches between the start of their write and their acknowledgement: enough that writes
     * go on while batches wait for their propagation group (up to {@code propagation-interval},
     * 200 ms, plus a propagation; at full speed a batch of 500 is written in about 40 ms).
     */
    static final int CASE_BATCHES_IN_FLIGHT = 8;
    final BulkWriter bulk;
    final IndexSetup setup;
    final RecordReader reader;
    final CaseAccessPropagation propagation;
    final QualityRecorder quality;
    final IndexerMetrics metrics;
    private final DeadLetters deadLetters;
    private final IndexerConfig config;
    private final WriteGate gate;

    public IndexingPipeline(BulkWriter bulk, IndexSetup setup, RecordReader reader, DeadLetters deadLetters,
                            CaseAccessPropagation propagation, QualityRecorder quality, IndexerConfig config,
                            IndexerMetrics metrics, WriteGate gate) {
        this.bulk = bulk;
        this.setup = setup;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.propagation = propagation;
        this.quality = quality;
        this.config = config;
        this.metrics = metrics;
        this.gate = gate;
    }

    /**
     * Queues one consumed batch's work behind the channel's previous batches ({@code writes}) and
     * returns when its write may start, so the channel reads its next batch while this one is
     * written. {@code write} indexes the valid records and may add to {@code rejected};
     * {@code followUp} does what the write sets off, with what the write gave, and may overlap the
     * next batch's write. The batch is acknowledged after both, and after the batch before it; a
     * batch that fails is negatively acknowledged: the channel's failure strategy stops it, with the
     * batch's offsets uncommitted.
     */
    <T> Uni<Void> process(OrderedWrites writes, KafkaRecordBatch<String, byte[]> batch, List<DeadLetter> rejected,
                          Supplier<Uni<T>> write, Function<T, Uni<Void>> followUp) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        finished.whenComplete((done, failure) -> {
            if (failure != null) {
                batch.nack(failure);
            }
        });
        Uni<T> writeStage = stopsTheChannel(rejected)
                ? Uni.createFrom().failure(new IllegalStateException("Invalid record: " + rejected.get(0).reason()))
                // The gate is held from the write to the end of the follow-up, so a reindex waits for both.
                : gate.enter().chain(() -> untilWritten(write).onFailure().invoke(gate::exit));
        Function<T, Uni<Void>> followUpStage = written -> untilWritten(() -> followUp.apply(written)).eventually(gate::exit);
        // Checked again after the write: in FAIL mode a record OpenSearch refused stops the channel too, uncommitted.
        Uni<Void> finishStage = Uni.createFrom().deferred(() -> stopsTheChannel(rejected)
                        ? Uni.createFrom().<Void>failure(new IllegalStateException("Refused by OpenSearch: " + rejected.get(0).reason()))
                        : deadLetters.send(rejected))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
        return writes.enqueue(writeStage, followUpStage, finishStage, finished);
    }

    /** In FAIL mode any record set aside stops the channel; in DEAD_LETTER mode it goes to the dead-letter topic. */
    private boolean stopsTheChannel(List<DeadLetter> rejected) {
        return !rejected.isEmpty() && config.onInvalidRecord() == IndexerConfig.OnInvalidRecord.FAIL;
    }

    /**
     * Runs a step of a write until it succeeds when OpenSearch is away or overloaded, or answers that
     * an index of ours is not there. Every step (versioned bulk, guarded access propagation) may be
     * repeated safely, so the whole step is repeated, and nothing is acknowledged before it is through.
     */
    private <T> Uni<T> untilWritten(Supplier<Uni<T>> step) {
        return Uni.createFrom().deferred(step::get)
                .onFailure(BulkWriter::mayPass)
                .invoke(e -> LOG.warnf("Writing a batch failed (%s); retrying without committing", e.toString()))
                .onFailure(BulkWriter::mayPass)
                .retry().withBackOff(config.retryBackoffMin(), config.retryBackoffMax()).indefinitely();
    }

    /** Sets a record aside for the dead-letter topic and counts it for the quality report. */
    void reject(ConsumerRecord<String, byte[]> record, String reason, List<DeadLetter> rejected) {
        rejected.add(new DeadLetter(record, reason));
        quality.deadLettered(CloudEventHeaders.text(record, CloudEventHeaders.SOURCE), record.key(), reason);
    }
}
