package dk.overblik.orgsync.importing;

public enum SyncOutcome {
    /** The export differed from the last good state, which it replaced. */
    APPLIED,
    /** The export equalled the last good state: nothing was written or published. */
    UNCHANGED,
    /** The export broke the rules and was refused as a whole; the last good state is kept. */
    REFUSED,
    /** The export could not be fetched or stored; the last good state is kept. */
    FAILED
}
