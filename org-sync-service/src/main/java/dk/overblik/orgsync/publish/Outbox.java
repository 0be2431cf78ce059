package dk.overblik.orgsync.publish;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import io.quarkus.scheduler.Scheduled;
import dk.overblik.service.outbox.OutboxDrain;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Transactional outbox for {@code overblik.org.v1} and {@code overblik.access.v1}. An import
 * writes what changed into the outbox in the same transaction as the new state; this sends it
 * and deletes the rows once Kafka has acknowledged them. Rows are locked while they are sent
 * ({@code for update skip locked}), so two instances never send one key out of order; a crash
 * between send and delete sends the same latest value again, which a compacted topic absorbs.
 * The plain producer is used because tombstones (null values) are part of the contract.
 */
@ApplicationScoped
public class Outbox {
    private static final int CHUNK = 5_000;
    private static final String SOURCE = "urn:overblik:org-sync";

    private final Pool pool;
    private final KafkaProducer<String, byte[]> producer;
    private final OutboxDrain drainer;

    public Outbox(Pool pool, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.pool = pool;
        this.drainer = OutboxDrain.ofTable("org-sync outbox", pool, CHUNK, """
                        select topic, record_key, event_type, payload, generation from outbox
                        order by generation limit $1 for update skip locked""",
                this::send,
                (connection, rows) -> Batches.execute(connection, "delete from outbox where topic = $1 and record_key = $2 and generation = $3",
                        rows.stream().map(r -> Tuple.of(r.getString("topic"), r.getString("record_key"), r.getLong("generation"))).toList()));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.COMPACTED_MAX_RECORD_BYTES,
                ProducerConfig.CLIENT_ID_CONFIG, "org-sync-outbox"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes entries into the outbox within the caller's transaction; a newer value replaces a pending one. */
    public static Uni<Void> enqueue(SqlConnection connection, List<OutboxEntry> entries, long generation) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = entries.stream()
                .map(e -> Tuple.of(e.topic(), e.key(), e.eventType(), e.payload(), generation)).toList();
        return Batches.execute(connection, """
                insert into outbox (topic, record_key, event_type, payload, generation) values ($1, $2, $3, $4, $5)
                on conflict (topic, record_key) do update
                set event_type = excluded.event_type, payload = excluded.payload, generation = excluded.generation""", rows);
    }

    /** How many records wait to be sent. */
    public Uni<Long> pending() {
        return pool.query("select count(*) from outbox").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Starts draining now unless a drain is running, in which case that drain goes round once more. */
    public void drainSoon() {
        drainer.soon();
    }

    @Scheduled(every = "${overblik.org-sync.outbox-drain-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> drainOnSchedule() {
        return drainer.onSchedule();
    }

    /** Sends everything in the outbox; the number of records sent. */
    public Uni<Long> drain() {
        return drainer.run();
    }

    /** Hands the records to the producer off the event loop (send may block on metadata), then awaits every ack. */
    private Uni<Void> send(List<Row> rows) {
        return Uni.createFrom().item(() -> handOver(rows))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(acks -> Uni.createFrom().completionStage(acks));
    }

    private CompletableFuture<Void> handOver(List<Row> rows) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String payload = row.getString("payload");
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"), row.getString("record_key"),
                    payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
            String type = row.getString("event_type");
            record.headers()
                    .add("ce_specversion", bytes("1.0"))
                    .add("ce_id", bytes(EventTypes.eventId(type, row.getString("record_key"), row.getLong("generation"))))
                    .add("ce_source", bytes(SOURCE))
                    .add("ce_type", bytes(type));
            if (payload != null) {
                record.headers().add("content-type", bytes("application/json"));
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            acks.add(ack);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
