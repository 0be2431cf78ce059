package dk.overblik.contracts.party;

import java.time.Instant;
import java.util.UUID;

/**
 * A CPR event in the national data distributor's form: the person's CPR number and an
 * {@code objekthandling} reading {@code <business event>;KommuneTidligere:<code>;KommuneNuvaerende:<code>}.
 * {@link CprBusinessEvent} names the business events Overblik understands.
 */
public record CprEvent(UUID eventId, String personId, String objekthandling, Instant effectiveAt) {

    public static String objekthandling(CprBusinessEvent event, String previousCode, String currentCode) {
        return event.code() + ";KommuneTidligere:" + previousCode + ";KommuneNuvaerende:" + currentCode;
    }
}
