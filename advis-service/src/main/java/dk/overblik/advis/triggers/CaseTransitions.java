package dk.overblik.advis.triggers;

import dk.overblik.advis.rules.Trigger;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.value.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a new registration of a case means, given the last one seen: opened (first seen, not closed,
 * and opened recently, by the clock now, so that loading a system's old cases raises nothing),
 * closed, or changed progress.
 */
public final class CaseTransitions {
    private CaseTransitions() {
    }

    /** The last registration seen of a case. */
    public record Tracked(Progress progress, Instant registeredAt, boolean deleted) {
    }

    /** Whether a registration is newer than what was seen: older or repeated ones change nothing. */
    public static boolean isNewer(Tracked previous, Instant registeredAt) {
        return previous == null || registeredAt.isAfter(previous.registeredAt());
    }

    public static Optional<Trigger> of(Tracked previous, CaseRecord next, Duration openedWithin, Instant now) {
        if (previous == null || previous.deleted()) {
            boolean recent = next.openedAt() != null && !next.openedAt().isBefore(now.minus(openedWithin));
            return next.progress().isOpen() && recent ? Optional.of(Trigger.CASE_OPENED) : Optional.empty();
        }
        if (previous.progress() == next.progress()) {
            return Optional.empty();
        }
        return next.progress() == Progress.AFSLUTTET ? Optional.of(Trigger.CASE_CLOSED) : Optional.of(Trigger.CASE_PROGRESS_CHANGED);
    }
}
