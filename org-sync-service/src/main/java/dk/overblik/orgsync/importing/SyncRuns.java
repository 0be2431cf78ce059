package dk.overblik.orgsync.importing;

import dk.overblik.contracts.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.Map;

/** Records a sync run within the import's own transaction (the status endpoint reads them through {@link SyncRun}). */
final class SyncRuns {
    private SyncRuns() {
    }

    /** Records the run; the report with the run's id. */
    static Uni<SyncReport> insert(SqlConnection connection, SyncReport r) {
        String report = r.detail() == null && r.violations().isEmpty() ? null
                : Json.toString(Map.of("detail", r.detail() == null ? "" : r.detail(), "violations", r.violations()));
        return connection.preparedQuery("""
                        insert into sync_run (tenant, channel, started_at, finished_at, outcome, units_added, units_changed,
                        units_removed, users_added, users_changed, users_removed, access_published, report)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id""")
                .execute(Tuple.from(java.util.Arrays.<Object>asList(r.tenant(), r.channel().name(), r.startedAt().atOffset(ZoneOffset.UTC),
                        r.finishedAt().atOffset(ZoneOffset.UTC), r.outcome().name(), r.units().added(), r.units().changed(),
                        r.units().removed(), r.users().added(), r.users().changed(), r.users().removed(), r.accessPublished(), report)))
                .map(rows -> r.withRunId(rows.iterator().next().getLong("id")));
    }
}
