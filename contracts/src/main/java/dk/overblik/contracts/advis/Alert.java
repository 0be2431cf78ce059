package dk.overblik.contracts.advis;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert (advis), as the inbox returns it and {@code overblik.advis.v1} carries it (keyed
 * {@code <tenant>/<recipient>}, the user if there is one, else the unit). {@code party} is the
 * citizen or company the trigger was about.
 */
public record Alert(UUID id, String tenant, UUID ruleId, UUID triggerEventId, UUID caseId, String party, String recipientUser,
                    UUID recipientUnit, String message, AlertStatus status, Instant createdAt) {

    /** The Kafka key: alerts to one recipient stay in order. */
    public String key() {
        return tenant + "/" + (recipientUser != null ? recipientUser : recipientUnit.toString());
    }
}
