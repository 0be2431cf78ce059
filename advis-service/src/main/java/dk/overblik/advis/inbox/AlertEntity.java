package dk.overblik.advis.inbox;

import dk.overblik.contracts.advis.Alert;
import dk.overblik.contracts.advis.AlertStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A stored alert, as the inbox reads and updates it (the event consumers insert alerts in SQL). */
@Entity
@Table(name = "alert")
public class AlertEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    public String tenant;

    @Column(name = "rule_id")
    public UUID ruleId;

    @Column(name = "trigger_event_id")
    public UUID triggerEventId;

    @Column(name = "case_id")
    public UUID caseId;

    public String party;

    @Column(name = "recipient_user")
    public String recipientUser;

    @Column(name = "recipient_unit")
    public UUID recipientUnit;

    public String message;

    @Enumerated(EnumType.STRING)
    public AlertStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "status_changed_by")
    public String statusChangedBy;

    @Column(name = "case_kle_subject")
    public String caseKleSubject;

    @Column(name = "case_sensitivity")
    public int caseSensitivity;

    @Column(name = "case_unit")
    public UUID caseUnit;

    @Column(name = "case_deleted")
    public boolean caseDeleted;

    public Alert toAlert() {
        return new Alert(id, tenant, ruleId, triggerEventId, caseId, party, recipientUser, recipientUnit, message, status, createdAt);
    }
}
