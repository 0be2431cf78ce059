package dk.overblik.indexer.index;

import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate a reindex closes: writers wait while it is closed, and a writer that stops waiting is not counted. */
class WriteGateTest {

    @Test
    void writersWaitWhileClosedAndAreLetInWhenItOpens() {
        WriteGate gate = new WriteGate();
        AtomicBoolean drained = new AtomicBoolean();
        gate.close().subscribe().with(ignored -> drained.set(true));
        assertThat(drained).isTrue();

        AtomicBoolean entered = new AtomicBoolean();
        gate.enter().subscribe().with(ignored -> entered.set(true));
        assertThat(entered).isFalse();
        gate.open();
        assertThat(entered).isTrue();

        AtomicBoolean drainedAgain = new AtomicBoolean();
        gate.close().subscribe().with(ignored -> drainedAgain.set(true));
        assertThat(drainedAgain).as("the writer is still inside").isFalse();
        gate.exit();
        assertThat(drainedAgain).isTrue();
    }

    @Test
    void aWriterThatStopsWaitingDoesNotHoldTheNextReindexUp() {
        WriteGate gate = new WriteGate();
        gate.close().subscribe().with(ignored -> { });
        AtomicBoolean entered = new AtomicBoolean();
        Cancellable waiting = gate.enter().subscribe().with(ignored -> entered.set(true));
        waiting.cancel(); // e.g. a quality report whose client gave up during the reindex
        gate.open();
        assertThat(entered).isFalse();

        AtomicBoolean drained = new AtomicBoolean();
        gate.close().subscribe().with(ignored -> drained.set(true));
        assertThat(drained).as("nobody is inside: the next reindex may start").isTrue();
    }
}
