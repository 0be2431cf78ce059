package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedWritesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final OrderedWrites writes = new OrderedWrites(2);
    private final List<String> events = new ArrayList<>();

    /** A stage that records when it starts and ends when the test completes {@code end}. */
    private <T> Uni<T> stage(String name, CompletableFuture<T> end) {
        return Uni.createFrom().deferred(() -> {
            events.add(name);
            return Uni.createFrom().completionStage(end);
        });
    }

    /** One batch: its three stages, what its write gives, and the future that tells how it ended. */
    private final class Batch {
        final String name;
        final CompletableFuture<String> write = new CompletableFuture<>();
        final CompletableFuture<Void> followUp = new CompletableFuture<>();
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        final CompletableFuture<Void> handedOn;

        Batch(OrderedWrites queue, String name) {
            this.name = name;
            handedOn = queue.enqueue(stage(name + " write", write), written -> stage(name + " follow-up of " + written, followUp),
                    stage(name + " finish", CompletableFuture.<Void>completedFuture(null)), finished).subscribeAsCompletionStage();
        }

        Batch(String name) {
            this(writes, name);
        }

        void written() {
            write.complete(name + "'s cases");
        }
    }

    /** Two batches whose writes are through and whose follow-ups run. */
    private List<Batch> twoWritten() {
        Batch first = new Batch("1");
        Batch second = new Batch("2");
        first.written();
        second.written();
        return List.of(first, second);
    }

    @Test
    void theNextWriteOverlapsTheFollowUpOfTheOneBeforeButBatchesFinishInOrder() {
        Batch first = new Batch("1");
        assertTrue(first.handedOn.isDone(), "nothing was in flight: the consumer may go on at once");
        Batch second = new Batch("2");
        assertFalse(second.handedOn.isDone(), "the consumer waits while the first batch is written");
        assertEquals(List.of("1 write"), events, "writes do not overlap");

        first.written();
        assertTrue(second.handedOn.isDone());
        assertTrue(events.containsAll(List.of("2 write", "1 follow-up of 1's cases")),
                "the second write runs during the first follow-up, which gets what the first write gave: " + events);

        second.written();
        second.followUp.complete(null);
        assertFalse(second.finished.isDone(), "the second batch does not finish before the first");
        assertFalse(events.contains("2 finish"));

        first.followUp.complete(null);
        assertTrue(first.finished.isDone());
        assertTrue(second.finished.isDone());
        assertEquals(List.of("1 finish", "2 finish"), events.subList(events.size() - 2, events.size()));
    }

    @Test
    void atMostTwoBatchesAreInFlight() {
        List<Batch> inFlight = twoWritten();
        Batch third = new Batch("3");

        assertFalse(third.handedOn.isDone(), "the third write waits until the first batch has finished");
        assertFalse(events.contains("3 write"));
        inFlight.get(0).followUp.complete(null);
        assertTrue(third.handedOn.isDone());
        assertTrue(events.contains("3 write"));
    }

    @Test
    void withOneBatchInFlightTheNextWriteWaitsForTheFollowUp() {
        OrderedWrites one = new OrderedWrites(1);
        Batch first = new Batch(one, "1");
        Batch second = new Batch(one, "2");

        first.written();
        assertFalse(second.handedOn.isDone());
        assertEquals(List.of("1 write", "1 follow-up of 1's cases"), events);
        first.followUp.complete(null);
        assertTrue(second.handedOn.isDone());
        assertEquals(List.of("1 write", "1 follow-up of 1's cases", "1 finish", "2 write"), events);
    }

    @Test
    void aFailedFollowUpFailsItsBatchEveryBatchAfterItAndTheNextDelivery() {
        List<Batch> inFlight = twoWritten();
        inFlight.get(1).followUp.complete(null);

        inFlight.get(0).followUp.completeExceptionally(new IllegalStateException("propagation refused"));

        Throwable failure = inFlight.get(0).finished.handle((done, e) -> e).join();
        assertInstanceOf(IllegalStateException.class, failure, "the batch fails with the follow-up's own failure");
        assertEquals("propagation refused", failure.getMessage());
        assertTrue(inFlight.get(1).finished.isCompletedExceptionally(), "a batch after a failed one is never acknowledged");
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
        assertThrows(IllegalStateException.class, () -> writes.enqueue(Uni.createFrom().voidItem(), written -> Uni.createFrom().voidItem(),
                Uni.createFrom().voidItem(), new CompletableFuture<>()).await().atMost(WAIT));
    }
}
