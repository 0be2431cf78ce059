package dk.overblik.indexer.index;

import dk.overblik.contracts.event.Topics;
import dk.overblik.service.kafka.DeadLetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Records that cannot be processed go to {@code <topic>.dlq} unchanged (key, value, headers), with
 * why and where from in headers, so that nothing is lost and the pipeline keeps going. The batch
 * they came in is acknowledged only after the dead-letter topic has them.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Map<String, MutinyEmitter<byte[]>> emitters;
    private final IndexerMetrics metrics;

    public DeadLetters(@Channel("cases-dlq") MutinyEmitter<byte[]> cases, @Channel("documents-dlq") MutinyEmitter<byte[]> documents,
                       IndexerMetrics metrics) {
        this.emitters = Map.of(Topics.CASES, cases, Topics.DOCUMENTS, documents);
        this.metrics = metrics;
    }

    public Uni<Void> send(List<DeadLetter> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rejected.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(DeadLetter rejected) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), rejected.reason());
        metrics.deadLettered(record.topic().equals(dk.overblik.contracts.event.Topics.CASES) ? "cases" : "documents");
        return rejected.sendTo(emitters.get(record.topic()));
    }
}
