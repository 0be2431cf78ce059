package dk.overblik.overview.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One audited lookup: who asked what about whom, and how many hits were returned and hidden. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String municipality;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String roles;

    @Column(nullable = false)
    public String action;

    /** The party (URN) or case looked up. */
    public String subject;

    public String query;

    public int hits;

    public int hidden;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "client_address")
    public String clientAddress;

    /** The hash of the entry before this one (null for the first chained entry). */
    @Column(name = "previous_hash")
    public String previousHash;

    /** SHA-256 over this entry's fields and {@link #previousHash}; see {@link AuditChain}. */
    @Column(name = "entry_hash")
    public String entryHash;
}
