package dk.overblik.service.outbox;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
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

    /** {@code chunk} sends at most {@code chunkSize} rows in one transaction and returns how many it sent. */
    public OutboxDrain(String name, int chunkSize, Supplier<Uni<Integer>> chunk) {
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
