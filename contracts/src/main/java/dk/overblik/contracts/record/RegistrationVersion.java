package dk.overblik.contracts.record;

import java.time.Instant;

/**
 * The source's registration time is the version of a record: a later registration replaces an
 * earlier one, never the other way round. As a number it is microseconds since the epoch, which
 * keeps the sub-millisecond precision sources send and fits a long (and OpenSearch's external
 * version) for the next 290,000 years.
 */
public final class RegistrationVersion {
    private RegistrationVersion() {
    }

    public static long of(Instant registeredAt) {
        return Math.addExact(Math.multiplyExact(registeredAt.getEpochSecond(), 1_000_000L),
                registeredAt.getNano() / 1_000L);
    }

    public static Instant toInstant(long version) {
        return Instant.ofEpochSecond(Math.floorDiv(version, 1_000_000L), Math.floorMod(version, 1_000_000L) * 1_000L);
    }
}
