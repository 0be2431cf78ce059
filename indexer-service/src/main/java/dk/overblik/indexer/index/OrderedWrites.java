package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The batches of one channel, written in three stages: the <em>write</em> (the bulk request), one
 * batch at a time and in order; the <em>follow-up</em> (what the write sets off, such as passing
 * case access on to documents), which may run while the next batch is written; and the
 * <em>finish</em> (dead letters, acknowledgement), in order, after the batch before it finished.
 * So OpenSearch writes batch N+1 while it propagates batch N, and no batch is acknowledged before
 * everything of it and of the batches before it is durable. At most {@code inFlight} batches are
 * in flight, and the consumer is handed its next batch as soon as one more may start.
 * A failure in any stage fails the batch and every batch queued after it, so nothing after it is
 * acknowledged; {@link #enqueue} then also fails the next delivery.
 */
final class OrderedWrites {
    private static final CompletableFuture<Void> NOTHING = CompletableFuture.completedFuture(null);
    private final int inFlight;
    // Futures, not chains of Unis: a completed future holds nothing of the batches before it.
    private CompletableFuture<?> lastWritten = NOTHING;
    /** How the last {@code inFlight} batches ended, oldest first. */
    private final Deque<CompletableFuture<Void>> lastFinished = new ArrayDeque<>();

    /** {@code inFlight}: how many batches may be between the start of their write and their finish. */
    OrderedWrites(int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("At least one batch must be in flight");
        }
        this.inFlight = inFlight;
    }

    /**
     * Queues one batch. Its write starts once the previous batch's write is through and the batch
     * {@code inFlight} places before it has finished; the follow-up gets what the write gave. The
     * returned Uni completes when the write may start, which is when the consumer may read the next
     * batch; {@code finished} completes, or fails, with the batch as a whole.
     */
    synchronized <T> Uni<Void> enqueue(Uni<T> write, Function<T, Uni<Void>> followUp, Uni<Void> finish,
                                       CompletableFuture<Void> finished) {
        CompletableFuture<Void> previousFinished = lastFinished.isEmpty() ? NOTHING : lastFinished.getLast();
        CompletableFuture<Void> mayStart = CompletableFuture.allOf(lastWritten,
                lastFinished.size() < inFlight ? NOTHING : lastFinished.getFirst());
        CompletableFuture<T> written = mayStart.thenCompose(ready -> write.subscribeAsCompletionStage());
        written.thenCompose(result -> followUp.apply(result).subscribeAsCompletionStage())
                .thenCompose(followedUp -> previousFinished)
                .thenCompose(before -> finish.subscribeAsCompletionStage())
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        finished.complete(null);
                    } else {
                        finished.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
        lastWritten = written;
        lastFinished.addLast(finished);
        if (lastFinished.size() > inFlight) {
            lastFinished.removeFirst();
        }
        return Uni.createFrom().completionStage(mayStart);
    }
}
