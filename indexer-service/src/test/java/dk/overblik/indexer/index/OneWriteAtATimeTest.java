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

class OneWriteAtATimeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final OneWriteAtATime writes = new OneWriteAtATime();
    private final List<String> started = new ArrayList<>();

    /** A write that records when it starts and finishes when the test says so. */
    private Uni<Void> write(String name, CompletableFuture<Void> finish) {
        return Uni.createFrom().deferred(() -> {
            started.add(name);
            return Uni.createFrom().completionStage(finish);
        });
    }

    @Test
    void theNextBatchIsHandedOutWhileTheWriteBeforeItRunsAndWritesDoNotOverlap() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();

        Uni<Void> afterNothing = writes.enqueue(write("first", first));
        afterNothing.await().atMost(WAIT); // nothing was in flight: the consumer may go on at once
        assertEquals(List.of("first"), started);

        CompletableFuture<Void> afterFirst = writes.enqueue(write("second", second)).subscribeAsCompletionStage();
        assertEquals(List.of("first"), started, "the second write waits for the first");
        assertFalse(afterFirst.isDone(), "the consumer waits for the first write, while the second is queued");

        first.complete(null);
        assertTrue(afterFirst.isDone());
        assertEquals(List.of("first", "second"), started);

        CompletableFuture<Void> afterSecond = writes.enqueue(Uni.createFrom().voidItem()).subscribeAsCompletionStage();
        assertFalse(afterSecond.isDone());
        second.complete(null);
        assertTrue(afterSecond.isDone());
    }

    @Test
    void aFailedWriteStopsEveryWriteQueuedAfterItAndFailsTheNextDelivery() {
        CompletableFuture<Void> failing = new CompletableFuture<>();
        writes.enqueue(write("failing", failing)).await().atMost(WAIT);
        CompletableFuture<Void> afterFailing = writes.enqueue(write("queued", new CompletableFuture<>())).subscribeAsCompletionStage();

        failing.completeExceptionally(new IllegalStateException("refused"));

        assertTrue(afterFailing.isCompletedExceptionally());
        assertThrows(IllegalStateException.class, () -> writes.enqueue(write("later", new CompletableFuture<>())).await().atMost(WAIT));
        assertEquals(List.of("failing"), started, "nothing queued after a failed write runs");
    }
}
