package dk.overblik.advis.alerts;

import dk.overblik.contracts.advis.Alert;
import dk.overblik.contracts.json.Json;
import io.quarkus.scheduler.Scheduled;
import dk.overblik.service.outbox.OutboxDrain;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.OnOverflow;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox of {@code overblik.advis.v1}: alerts raised and handled are written here
 * in the transaction that changes them, and sent in order, each deleted once Kafka has acknowledged
 * it. A crash between the two sends it again (at least once; the CloudEvents id tells repeats).
 */
@ApplicationScoped
public class AlertOutbox {
    static final int CHUNK = 500;
    private static final URI SOURCE = URI.create("urn:overblik:advis");

    private final MutinyEmitter<byte[]> out;
    private final OutboxDrain drainer;

    public AlertOutbox(Pool pool, @Channel("advis-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * CHUNK)
                       MutinyEmitter<byte[]> out) {
        this.out = out;
        this.drainer = OutboxDrain.ofTable("advis outbox", pool, CHUNK, """
                        select id, record_key, event_type, event_id, payload from advis_outbox
                        order by id limit $1 for update skip locked""",
                rows -> Uni.join().all(rows.stream().map(this::send).toList()).andFailFast().replaceWithVoid(),
                (connection, rows) -> connection.preparedQuery("delete from advis_outbox where id = any($1)")
                        .execute(Tuple.of(rows.stream().map(r -> r.getLong("id")).toArray(Long[]::new))));
    }

    /** One record for the topic: key {@code <tenant>/<recipient>}, the alert as payload. */
    public record Entry(String key, String eventType, UUID eventId, String payload) {
        public static Entry of(Alert alert, String eventType, UUID eventId) {
            return new Entry(alert.key(), eventType, eventId, new String(Json.toBytes(alert), StandardCharsets.UTF_8));
        }
    }

    /** Writes entries within the caller's transaction. */
    public static Uni<Void> enqueue(SqlConnection connection, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into advis_outbox (record_key, event_type, event_id, payload) values ($1, $2, $3, $4)")
                .executeBatch(entries.stream().map(e -> Tuple.of(e.key(), e.eventType(), e.eventId(), e.payload())).toList())
                .replaceWithVoid();
    }

    /** Writes entries within the transaction of a Hibernate Reactive session, with one statement. */
    public static Uni<Void> enqueue(Mutiny.Session session, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into advis_outbox (record_key, event_type, event_id, payload) values ");
        for (int i = 0; i < entries.size(); i++) {
            int p = 4 * i;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?").append(p + 3)
                    .append(", ?").append(p + 4).append(')');
        }
        Mutiny.Query<?> insert = session.createNativeQuery(sql.toString());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            insert.setParameter(4 * i + 1, e.key()).setParameter(4 * i + 2, e.eventType()).setParameter(4 * i + 3, e.eventId())
                    .setParameter(4 * i + 4, e.payload());
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    /** Starts draining now unless a drain is running, in which case that drain goes round once more. */
    public void drainSoon() {
        drainer.soon();
    }

    /** The first round waits until reactive messaging has connected the emitter (it starts with the application). */
    @Scheduled(every = "${overblik.advis.outbox-drain-every}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> drainOnSchedule() {
        return drainer.onSchedule();
    }

    /** Sends everything in the outbox; the number of records sent. */
    public Uni<Long> drain() {
        return drainer.run();
    }

    private Uni<Void> send(Row row) {
        Message<byte[]> message = Message.of(row.getString("payload").getBytes(StandardCharsets.UTF_8))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.getString("record_key")).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.getUUID("event_id").toString())
                        .withType(row.getString("event_type"))
                        .withSource(SOURCE)
                        .build());
        return out.sendMessage(message);
    }
}
