package dk.overblik.overview.audit;

/** What an audited lookup was. */
public enum AuditAction {
    PARTY_OVERVIEW,
    CASE_VIEW,
    SEARCH,
    /** An auditor's search of the audit log: audited like any other lookup. */
    AUDIT_SEARCH
}
