package dk.overblik.indexer.index;

import dk.overblik.contracts.index.IndexedCase;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Passes written cases on to their documents in groups: one propagation runs at a time, and one
 * starts at most every {@code interval}; cases written meanwhile wait and go together in the next.
 * Each propagation refreshes the documents index and searches it; once per batch of cases, that was
 * some 30 refreshes and searches a second at full speed, and while documents flow each refresh
 * cuts a segment (docs/benchmarks.md has what the benchmark shows of it: no sure gain). A caller's
 * Uni completes when a propagation that started after its cases were handed in has completed (so
 * after their writes, as the refresh must be), and fails with it (a failure caused by one batch's
 * cases fails the whole group; replays are idempotent); a caller that repeats a failed step hands
 * its cases in again and joins the next group. A caller waits up to the interval plus one
 * propagation.
 */
final class PropagationGroups {
    private final Function<Collection<IndexedCase>, Uni<Void>> propagate;
    private final long intervalNanos;
    private final ScheduledExecutorService scheduler;

    private List<IndexedCase> waiting = new ArrayList<>();
    private CompletableFuture<Void> waitingDone = new CompletableFuture<>();
    /** True from the moment a group is due until no cases wait after it ran. */
    private boolean active;
    private long lastStart;

    /** {@code scheduler} starts the groups, never the thread that hands cases in. */
    PropagationGroups(Function<Collection<IndexedCase>, Uni<Void>> propagate, Duration interval, ScheduledExecutorService scheduler) {
        this.propagate = propagate;
        this.intervalNanos = interval.toNanos();
        this.scheduler = scheduler;
        this.lastStart = System.nanoTime() - intervalNanos;
    }

    /** Completes once the cases' access has been passed on to their documents. */
    Uni<Void> casesWritten(Collection<IndexedCase> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> Uni.createFrom().completionStage(handIn(written)));
    }

    private CompletableFuture<Void> handIn(Collection<IndexedCase> written) {
        CompletableFuture<Void> done;
        CompletableFuture<Void> refused = null;
        synchronized (this) {
            waiting.addAll(written);
            done = waitingDone;
            if (!active) {
                active = true;
                refused = startWhenDue();
            }
        }
        failRefused(refused);
        return done;
    }

    /**
     * Called with the lock held, when no group runs: starts the waiting group when the interval
     * since the last start is over. Gives the waiting group's future, taken and to be failed
     * outside the lock, when the scheduler refuses (it is shut down); else null.
     */
    private CompletableFuture<Void> startWhenDue() {
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(lastStart + intervalNanos - System.nanoTime() + 999_999);
        try {
            if (waitMillis > 0) {
                scheduler.schedule(this::start, waitMillis, TimeUnit.MILLISECONDS);
            } else {
                // Not a timer of 0 ms: Quarkus' scheduler (Vert.x timers) refuses one.
                scheduler.execute(this::start);
            }
            return null;
        } catch (RuntimeException e) {
            // Nothing will start this group: its callers fail (their batches are not committed), and a later hand-in tries again.
            active = false;
            return takeWaiting().done();
        }
    }

    /** The cases waiting and the future their callers wait on. */
    private record Group(List<IndexedCase> cases, CompletableFuture<Void> done) {
    }

    /** Called with the lock held: takes the waiting group, so that what is handed in from now on waits for the next. */
    private Group takeWaiting() {
        Group group = new Group(waiting, waitingDone);
        waiting = new ArrayList<>();
        waitingDone = new CompletableFuture<>();
        return group;
    }

    private static void failRefused(CompletableFuture<Void> refused) {
        if (refused != null) {
            refused.completeExceptionally(new IllegalStateException("The scheduler refused to start a propagation"));
        }
    }

    private void start() {
        Group group;
        synchronized (this) {
            group = takeWaiting();
            lastStart = System.nanoTime();
        }
        Uni.createFrom().deferred(() -> propagate.apply(group.cases())).subscribe().with(
                ok -> finished(group.done(), null),
                failure -> finished(group.done(), failure));
    }

    private void finished(CompletableFuture<Void> done, Throwable failure) {
        CompletableFuture<Void> refused = null;
        synchronized (this) {
            if (waiting.isEmpty()) {
                active = false;
            } else {
                refused = startWhenDue();
            }
        }
        // Completed outside the lock: what the callers chain on it may hand in cases again.
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
        failRefused(refused);
    }
}
