package dk.overblik.advis.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert about to be stored: what the inbox shows, and the case's access fields (KLE subject,
 * sensitivity, responsible unit) by which the inbox filters it, as of the case's registration
 * {@code caseRegisteredAt} found in the index.
 */
public record NewAlert(UUID id, String tenant, UUID ruleId, UUID triggerEventId, UUID caseId, String party, String recipientUser,
                       UUID recipientUnit, String message, String caseKleSubject, int caseSensitivity, UUID caseUnit,
                       Instant caseRegisteredAt) {
}
