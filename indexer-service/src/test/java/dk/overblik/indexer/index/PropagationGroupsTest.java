package dk.overblik.indexer.index;

import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.record.Deletion;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropagationGroupsTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    /** Refuses timers under a millisecond, as Quarkus' scheduler (Vert.x timers) does. */
    private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (unit.toMillis(delay) < 1) {
                throw new IllegalArgumentException("Cannot schedule a timer with delay < 1 ms");
            }
            return super.schedule(command, delay, unit);
        }

        @Override
        public void execute(Runnable command) {
            // The pool's own execute is a timer of 0, which the check above would refuse.
            super.schedule(command, 0, TimeUnit.NANOSECONDS);
        }
    };

    /** One propagation the test saw start: its cases, when it started, and the future that ends it. */
    record Started(List<IndexedCase> cases, long atNanos, CompletableFuture<Void> end) {
    }

    private final List<Started> started = new CopyOnWriteArrayList<>();
    private final PropagationGroups groups = new PropagationGroups(this::propagate, INTERVAL, scheduler);

    private Uni<Void> propagate(Collection<IndexedCase> cases) {
        CompletableFuture<Void> end = new CompletableFuture<>();
        started.add(new Started(new ArrayList<>(cases), System.nanoTime(), end));
        return Uni.createFrom().completionStage(end);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static IndexedCase aCase() {
        return IndexedCase.tombstone(new Deletion(UUID.randomUUID(), "29189846", "sbsys",
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    private CompletableFuture<Void> handIn(IndexedCase... cases) {
        return groups.casesWritten(List.of(cases)).subscribeAsCompletionStage();
    }

    private Started awaitStarted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (started.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("propagation " + n + " did not start; started: " + started.size());
            }
            Thread.sleep(5);
        }
        return started.get(n - 1);
    }

    @Test
    void casesWrittenWhileAGroupRunsGoTogetherInTheNextOneStartedNoSoonerThanTheInterval() throws Exception {
        IndexedCase a = aCase();
        IndexedCase b = aCase();
        IndexedCase c = aCase();
        CompletableFuture<Void> first = handIn(a);
        Started one = awaitStarted(1);
        assertEquals(List.of(a), one.cases(), "the first cases start at once: no group ran within the interval");

        CompletableFuture<Void> second = handIn(b);
        CompletableFuture<Void> third = handIn(c);
        one.end().complete(null);
        first.get(5, TimeUnit.SECONDS);
        assertFalse(second.isDone(), "b's group has not run yet");

        Started two = awaitStarted(2);
        assertEquals(List.of(b, c), two.cases(), "the cases handed in meanwhile go in one group");
        // Less 50 ms: the test sees each start a little after the groups take its time, more so on a busy machine;
        // a group started at once would be some 300 ms early.
        assertTrue(two.atNanos() - one.atNanos() >= INTERVAL.minusMillis(50).toNanos(),
                "a group starts no sooner than the interval after the one before: " + (two.atNanos() - one.atNanos()) + " ns");
        Thread.sleep(50);
        assertFalse(second.isDone() || third.isDone(), "callers complete when their group completes, not when it starts");
        two.end().complete(null);
        second.get(5, TimeUnit.SECONDS);
        third.get(5, TimeUnit.SECONDS);
        assertEquals(2, started.size());
    }

    @Test
    void casesHandedInWhileAGroupRunsWaitForTheNextEvenWhenTheIntervalIsOver() throws Exception {
        CompletableFuture<Void> first = handIn(aCase());
        Started one = awaitStarted(1);
        Thread.sleep(INTERVAL.toMillis() + 50);
        IndexedCase late = aCase();
        CompletableFuture<Void> second = handIn(late);
        Thread.sleep(50);
        assertEquals(1, started.size(), "one propagation at a time: the refresh of a group must follow its cases' writes");
        one.end().complete(null);
        first.get(5, TimeUnit.SECONDS);
        secondGroupIsOnly(late, second);
    }

    @Test
    void aFailedGroupFailsItsCallersAndTheirRetryJoinsTheNextGroup() throws Exception {
        IndexedCase a = aCase();
        Uni<Void> step = groups.casesWritten(List.of(a));
        CompletableFuture<Void> first = step.subscribeAsCompletionStage();
        Started one = awaitStarted(1);
        one.end().completeExceptionally(new IOException("OpenSearch is away"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());

        // The same Uni subscribed again, as the pipeline's retry does, hands the cases in again.
        secondGroupIsOnly(a, step.subscribeAsCompletionStage());
    }

    /** The second propagation carries {@code c} alone, and its caller completes with it. */
    private void secondGroupIsOnly(IndexedCase c, CompletableFuture<Void> caller) throws Exception {
        Started two = awaitStarted(2);
        assertEquals(List.of(c), two.cases());
        two.end().complete(null);
        caller.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPropagationThatThrowsFailsItsCallersAndLaterGroupsStillRun() throws Exception {
        PropagationGroups throwing = new PropagationGroups(cases -> {
            if (started.isEmpty()) {
                started.add(new Started(List.copyOf(cases), System.nanoTime(), CompletableFuture.completedFuture(null)));
                throw new IllegalStateException("a bug in the propagation");
            }
            return propagate(cases);
        }, INTERVAL, scheduler);
        CompletableFuture<Void> first = throwing.casesWritten(List.of(aCase())).subscribeAsCompletionStage();
        assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        CompletableFuture<Void> second = throwing.casesWritten(List.of(aCase())).subscribeAsCompletionStage();
        awaitStarted(2).end().complete(null);
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void whenTheSchedulerRefusesTheWaitingCallersFailAndALaterHandInStartsAgain() throws Exception {
        ScheduledThreadPoolExecutor closing = new ScheduledThreadPoolExecutor(1);
        PropagationGroups onClosing = new PropagationGroups(this::propagate, INTERVAL, closing);
        CompletableFuture<Void> first = onClosing.casesWritten(List.of(aCase())).subscribeAsCompletionStage();
        Started one = awaitStarted(1);
        CompletableFuture<Void> second = onClosing.casesWritten(List.of(aCase())).subscribeAsCompletionStage();
        closing.shutdown();
        one.end().complete(null);
        first.get(5, TimeUnit.SECONDS);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS),
                "the group that could not be started fails its callers instead of leaving them waiting");
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertThrows(ExecutionException.class, () -> onClosing.casesWritten(List.of(aCase())).subscribeAsCompletionStage()
                .get(5, TimeUnit.SECONDS), "a hand-in while the scheduler refuses fails at once");
        assertEquals(1, started.size());
    }

    @Test
    void nothingWrittenNeedsNoPropagation() throws InterruptedException, ExecutionException, TimeoutException {
        groups.casesWritten(List.of()).subscribeAsCompletionStage().get(1, TimeUnit.SECONDS);
        Thread.sleep(50);
        assertTrue(started.isEmpty());
    }
}
