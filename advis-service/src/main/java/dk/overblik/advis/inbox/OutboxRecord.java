package dk.overblik.advis.inbox;

import dk.overblik.advis.alerts.AlertOutbox;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A row of the advis outbox written by the inbox, in the transaction that changes an alert's status. */
@Entity
@Table(name = "advis_outbox")
public class OutboxRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_id")
    public UUID eventId;

    public String payload;

    public static OutboxRecord of(AlertOutbox.Entry entry) {
        OutboxRecord record = new OutboxRecord();
        record.recordKey = entry.key();
        record.eventType = entry.eventType();
        record.eventId = entry.eventId();
        record.payload = entry.payload();
        return record;
    }
}
