package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

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
    private CompletableFuture<Void> lastWritten = NOTHING;
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
     * {@code inFlight} places before it has finished. The returned Uni completes at that moment, when
     * the consumer may read the next batch; {@code finished} completes, or fails, with the batch as a whole.
     */
    synchronized Uni<Void> enqueue(Uni<Void> write, Uni<Void> followUp, Uni<Void> finish, CompletableFuture<Void> finished) {
        CompletableFuture<Void> previousFinished = lastFinished.isEmpty() ? NOTHING : lastFinished.getLast();
        CompletableFuture<Void> mayStart = CompletableFuture.allOf(lastWritten,
                lastFinished.size() < inFlight ? NOTHING : lastFinished.getFirst());
        CompletableFuture<Void> written = new CompletableFuture<>();
        mayStart.whenComplete((ready, notReady) -> {
            if (notReady != null) {
                written.completeExceptionally(notReady);
                finished.completeExceptionally(notReady);
                return;
            }
            write.subscribe().with(done -> {
                written.complete(null);
                followUp.subscribe().with(
                        followedUp -> previousFinished.whenComplete((before, failedBefore) -> {
                            if (failedBefore != null) {
                                finished.completeExceptionally(failedBefore);
                            } else {
                                finish.subscribe().with(finished::complete, finished::completeExceptionally);
                            }
                        }),
                        finished::completeExceptionally);
            }, failure -> {
                written.completeExceptionally(failure);
                finished.completeExceptionally(failure);
            });
        });
        lastWritten = written;
        lastFinished.addLast(finished);
        if (lastFinished.size() > inFlight) {
            lastFinished.removeFirst();
        }
        return Uni.createFrom().completionStage(mayStart);
    }
}
