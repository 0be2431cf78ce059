package dk.overblik.indexer.index;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Every write to the indices passes this gate. A reindex closes it: writers already inside finish,
 * new ones wait (their batches unacknowledged, the rest queued in Kafka) until the aliases point at
 * the new index, so nothing written during the copy is lost. Reads are never held up.
 */
@ApplicationScoped
public class WriteGate {
    private int inside;
    private boolean closed;
    private final List<UniEmitter<? super Void>> waiting = new ArrayList<>();
    private final List<UniEmitter<? super Void>> drained = new ArrayList<>();

    /** Completes when the caller may write; pair every enter with one {@link #exit()}. */
    public Uni<Void> enter() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (closed) {
                    waiting.add(emitter);
                    // A writer that stops waiting (cancelled) must not be counted inside when the gate opens.
                    emitter.onTermination(() -> {
                        synchronized (this) {
                            waiting.remove(emitter);
                        }
                    });
                    return;
                }
                inside++;
            }
            emitter.complete(null);
        });
    }

    public void exit() {
        List<UniEmitter<? super Void>> release = List.of();
        synchronized (this) {
            inside--;
            if (closed && inside == 0) {
                release = new ArrayList<>(drained);
                drained.clear();
            }
        }
        release.forEach(e -> e.complete(null));
    }

    /** Stops new writes; completes once the writes in progress have finished. */
    public Uni<Void> close() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                closed = true;
                if (inside > 0) {
                    drained.add(emitter);
                    return;
                }
            }
            emitter.complete(null);
        });
    }

    public void open() {
        List<UniEmitter<? super Void>> release;
        synchronized (this) {
            closed = false;
            release = new ArrayList<>(waiting);
            waiting.clear();
            inside += release.size();
        }
        release.forEach(e -> e.complete(null));
    }
}
