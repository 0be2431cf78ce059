package dk.overblik.advis.alerts;

import java.util.UUID;

/**
 * An alert about to be stored: what the inbox shows, and the case's access fields (KLE subject,
 * sensitivity, responsible unit) by which the inbox filters it.
 */
public record NewAlert(UUID id, String tenant, UUID ruleId, UUID triggerEventId, UUID caseId, String party, String recipientUser,
                       UUID recipientUnit, String message, String caseKleSubject, int caseSensitivity, UUID caseUnit) {
}
