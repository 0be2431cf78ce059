package dk.overblik.orgsync.importing;

import dk.overblik.contracts.validation.Violation;

import java.time.Instant;
import java.util.List;

/** What one sync did: how many units and users came, changed and went, and how many users' access was republished. */
public record SyncReport(long runId, String tenant, ImportChannel channel, SyncOutcome outcome, Instant startedAt,
                         Instant finishedAt, Changes units, Changes users, int accessPublished, String detail,
                         List<Violation> violations) {

    /** A run that changed nothing in the state: failed, refused or unchanged. */
    static SyncReport withoutChanges(String tenant, ImportChannel channel, SyncOutcome outcome, Instant startedAt, Instant finishedAt,
                                     String detail, List<Violation> violations) {
        return new SyncReport(0, tenant, channel, outcome, startedAt, finishedAt, Changes.NONE, Changes.NONE, 0, detail,
                List.copyOf(violations));
    }

    /** An export refused as a whole for {@code violations}; the last good state stays. */
    static SyncReport refused(String tenant, ImportChannel channel, Instant startedAt, Instant finishedAt, List<Violation> violations) {
        return withoutChanges(tenant, channel, SyncOutcome.REFUSED, startedAt, finishedAt,
                "The export was refused as a whole; the last good organisation is kept.", violations);
    }

    SyncReport withRunId(long id) {
        return new SyncReport(id, tenant, channel, outcome, startedAt, finishedAt, units, users, accessPublished, detail, violations);
    }

    public record Changes(int added, int changed, int removed) {
        public static final Changes NONE = new Changes(0, 0, 0);

        public boolean any() {
            return added + changed + removed > 0;
        }
    }
}
