package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedWritesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final OrderedWrites writes = new OrderedWrites(2);
    private final List<String> events = new ArrayList<>();

    /** A stage that records when it starts and ends when the test completes {@code end}. */
    private Uni<Void> stage(String name, CompletableFuture<Void> end) {
        return Uni.createFrom().deferred(() -> {
            events.add(name);
            return Uni.createFrom().completionStage(end);
        });
    }

    /** One batch: its three stages and the future that tells how it ended. */
    private final class Batch {
        final CompletableFuture<Void> write = new CompletableFuture<>();
        final CompletableFuture<Void> followUp = new CompletableFuture<>();
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        final CompletableFuture<Void> handedOn;

        Batch(String name) {
            handedOn = writes.enqueue(stage(name + " write", write), stage(name + " follow-up", followUp),
                    stage(name + " finish", CompletableFuture.completedFuture(null)), finished).subscribeAsCompletionStage();
        }
    }

    @Test
    void theNextWriteOverlapsTheFollowUpOfTheOneBeforeButBatchesFinishInOrder() {
        Batch first = new Batch("1");
        assertTrue(first.handedOn.isDone(), "nothing was in flight: the consumer may go on at once");
        Batch second = new Batch("2");
        assertFalse(second.handedOn.isDone(), "the consumer waits while the first batch is written");
        assertEquals(List.of("1 write"), events, "writes do not overlap");

        first.write.complete(null);
        assertTrue(second.handedOn.isDone());
        assertEquals(List.of("1 write", "2 write", "1 follow-up"), events, "the second write runs during the first follow-up");

        second.write.complete(null);
        second.followUp.complete(null);
        assertFalse(second.finished.isDone(), "the second batch does not finish before the first");
        assertEquals(List.of("1 write", "2 write", "1 follow-up", "2 follow-up"), events);

        first.followUp.complete(null);
        assertTrue(first.finished.isDone());
        assertTrue(second.finished.isDone());
        assertEquals(List.of("1 write", "2 write", "1 follow-up", "2 follow-up", "1 finish", "2 finish"), events);
    }

    @Test
    void atMostTwoBatchesAreInFlight() {
        Batch first = new Batch("1");
        Batch second = new Batch("2");
        first.write.complete(null);
        second.write.complete(null);
        Batch third = new Batch("3");

        assertFalse(third.handedOn.isDone(), "the third write waits until the first batch has finished");
        assertFalse(events.contains("3 write"));
        first.followUp.complete(null);
        assertTrue(third.handedOn.isDone());
        assertTrue(events.contains("3 write"));
    }

    @Test
    void withOneBatchInFlightTheNextWriteWaitsForTheFollowUp() {
        OrderedWrites one = new OrderedWrites(1);
        CompletableFuture<Void> firstWrite = new CompletableFuture<>();
        CompletableFuture<Void> firstFollowUp = new CompletableFuture<>();
        one.enqueue(stage("1 write", firstWrite), stage("1 follow-up", firstFollowUp),
                stage("1 finish", CompletableFuture.completedFuture(null)), new CompletableFuture<>());
        CompletableFuture<Void> secondHandedOn = one.enqueue(stage("2 write", new CompletableFuture<>()),
                Uni.createFrom().voidItem(), Uni.createFrom().voidItem(), new CompletableFuture<>()).subscribeAsCompletionStage();

        firstWrite.complete(null);
        assertFalse(secondHandedOn.isDone());
        assertEquals(List.of("1 write", "1 follow-up"), events);
        firstFollowUp.complete(null);
        assertTrue(secondHandedOn.isDone());
        assertEquals(List.of("1 write", "1 follow-up", "1 finish", "2 write"), events);
    }

    @Test
    void aFailedFollowUpFailsItsBatchEveryBatchAfterItAndTheNextDelivery() {
        Batch first = new Batch("1");
        Batch second = new Batch("2");
        first.write.complete(null);
        second.write.complete(null);
        second.followUp.complete(null);

        first.followUp.completeExceptionally(new IllegalStateException("propagation refused"));

        assertTrue(first.finished.isCompletedExceptionally());
        assertTrue(second.finished.isCompletedExceptionally(), "a batch after a failed one is never acknowledged");
        assertFalse(events.contains("1 finish"));
        assertFalse(events.contains("2 finish"));
        Batch third = new Batch("3");
        assertTrue(third.handedOn.isCompletedExceptionally());
        assertFalse(events.contains("3 write"), "nothing queued after a failed batch is written");
    }

    @Test
    void aFailedWriteStopsEveryBatchQueuedAfterIt() {
        Batch failing = new Batch("1");
        Batch queued = new Batch("2");

        failing.write.completeExceptionally(new IllegalStateException("refused"));

        assertTrue(failing.finished.isCompletedExceptionally());
        assertTrue(queued.handedOn.isCompletedExceptionally());
        assertTrue(queued.finished.isCompletedExceptionally());
        assertEquals(List.of("1 write"), events, "nothing queued after a failed write runs");
        assertThrows(IllegalStateException.class, () -> writes.enqueue(Uni.createFrom().voidItem(), Uni.createFrom().voidItem(),
                Uni.createFrom().voidItem(), new CompletableFuture<>()).await().atMost(WAIT));
    }
}
