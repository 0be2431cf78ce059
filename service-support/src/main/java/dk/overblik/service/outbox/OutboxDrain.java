package dk.overblik.service.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drains a transactional outbox a chunk at a time (each chunk its own transaction: read, send,
 * await the acks, delete) until a chunk comes back short. One drain runs at a time: a call while
 * one runs starts nothing but makes the running one go round once more, so rows committed
 * meanwhile never wait for the next schedule.
 */
public final class OutboxDrain {
    private static final Logger LOG = Logger.getLogger(OutboxDrain.class);

    private final String name;
    private final int chunkSize;
    private final Supplier<Uni<Integer>> chunk;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * A drain over one outbox table. Each chunk is one transaction: {@code lockChunk} selects at
     * most {@code $1} rows in sending order, ending in {@code for update skip locked} (so two
     * instances never send one row); {@code send} completes when Kafka has acknowledged every row;
     * {@code delete} then removes them.
     */
    public static OutboxDrain ofTable(String name, Pool pool, int chunkSize, String lockChunk, Function<List<Row>, Uni<Void>> send,
                                      BiFunction<SqlConnection, List<Row>, Uni<?>> delete) {
        return new OutboxDrain(name, chunkSize, () -> pool.withTransaction(connection -> connection.preparedQuery(lockChunk)
                .execute(Tuple.of(chunkSize))
                .chain(rows -> {
                    List<Row> pending = new ArrayList<>();
                    rows.forEach(pending::add);
                    if (pending.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return send.apply(pending).chain(() -> delete.apply(connection, pending)).replaceWith(pending.size());
                })));
    }

    /** {@code chunk} sends at most {@code chunkSize} rows in one transaction and returns how many it sent. */
    private OutboxDrain(String name, int chunkSize, Supplier<Uni<Integer>> chunk) {
        this.name = name;
        this.chunkSize = chunkSize;
        this.chunk = chunk;
    }

    /** Sends everything in the outbox; how many records this call sent (0 when it only asked the running drain to go on). */
    public Uni<Long> run() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().item(0L);
        }
        return rounds(0L).eventually(() -> running.set(false))
                .chain(sent -> again.getAndSet(false) ? run().map(more -> sent + more) : Uni.createFrom().item(sent));
    }

    /** Starts a drain now, in the background; a failure is logged and left to the schedule. */
    public void soon() {
        run().subscribe().with(sent -> { }, this::failed);
    }

    /** A drain for a scheduler: never fails, logs instead. */
    public Uni<Void> onSchedule() {
        return run().onFailure().invoke(this::failed).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Long> rounds(long sentSoFar) {
        return Uni.createFrom().deferred(chunk::get)
                .chain(sent -> sent == chunkSize ? rounds(sentSoFar + sent) : Uni.createFrom().item(sentSoFar + sent));
    }

    private void failed(Throwable failure) {
        LOG.warnf("Draining the %s failed (%s); retried on schedule", name, failure.toString());
    }
}
