package dk.overblik.overview.audit;

/** What an audited lookup was. */
public enum AuditAction {
    PARTY_OVERVIEW
}
