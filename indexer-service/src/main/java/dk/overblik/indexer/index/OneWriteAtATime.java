package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.CompletableFuture;

/**
 * The writes of one channel, one at a time and in order, while the channel reads the next batch.
 * The consumer gets its next batch as soon as the previous write is through, so reading and
 * checking batch N+1 overlaps writing batch N, as a bulk loader prepares its next request while
 * one is in flight. Each batch is acknowledged by its own write; a failed write fails every write
 * queued after it and the next delivery, so nothing after it is acknowledged.
 */
final class OneWriteAtATime {
    // A future, not a chain of Unis: a completed future holds nothing of the writes before it.
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /** Starts {@code write} once the previous write is through; the result completes when that previous write does. */
    synchronized Uni<Void> enqueue(Uni<Void> write) {
        CompletableFuture<Void> previous = last;
        CompletableFuture<Void> current = new CompletableFuture<>();
        last = current;
        previous.whenComplete((done, failure) -> {
            if (failure != null) {
                current.completeExceptionally(failure);
            } else {
                write.subscribe().with(current::complete, current::completeExceptionally);
            }
        });
        return Uni.createFrom().completionStage(previous);
    }
}
