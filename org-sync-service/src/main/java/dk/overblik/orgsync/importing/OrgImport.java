package dk.overblik.orgsync.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgExportCheck;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.orgsync.config.OrgSyncConfig;
import dk.overblik.orgsync.publish.Batches;
import dk.overblik.orgsync.publish.Outbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports one full export of a municipality's organisation: read, check, compare with the last
 * good state, then write the difference, the new access and the outbox in one transaction (under
 * a per-municipality lock, so imports of one municipality never interleave), and publish after
 * commit. A refused or failed export leaves the last good state as it was; every attempt is
 * recorded as a sync run.
 */
@ApplicationScoped
public class OrgImport {
    private static final Logger LOG = Logger.getLogger(OrgImport.class);

    private final Pool pool;
    private final Outbox outbox;
    private final OrgSyncConfig config;
    private final LastGoodCache cache;
    private final ExportReader reader;
    private final Clock clock = Clock.systemUTC();

    public OrgImport(Pool pool, Outbox outbox, OrgSyncConfig config, LastGoodCache cache, ExportReader reader) {
        this.pool = pool;
        this.reader = reader;
        this.outbox = outbox;
        this.config = config;
        this.cache = cache;
    }

    /** Imports an export given as JSON bytes, for the municipality {@code tenant} (the export must name the same). */
    public Uni<SyncReport> importExport(String tenant, byte[] json, ImportChannel channel) {
        Instant started = clock.instant();
        Phases phases = new Phases();
        return Uni.createFrom().item(() -> read(tenant, json))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(() -> phases.done("read"))
                .chain(read -> read.violations().isEmpty()
                        ? apply(tenant, read.export(), channel, started, phases)
                                .onFailure(RefusedInApply.class).recoverWithUni(e -> refuse(tenant, channel, started,
                                        ((RefusedInApply) e).violations))
                        : refuse(tenant, channel, started, read.violations()));
    }

    /** What is refused only once the import has begun; the transaction is rolled back and the export refused as a whole. */
    private static final class RefusedInApply extends RuntimeException {
        private final List<Violation> violations;

        RefusedInApply(List<Violation> violations) {
            super(violations.get(0).path() + " " + violations.get(0).message(), null, false, false);
            this.violations = violations;
        }

        /**
         * An export made before the one applied last: applying it would bring back what the newer one
         * ended (a leaver's access). It happens when a slow pull finishes after an upload, or a PUT is
         * retried late. Refused, inside the municipality's lock, so that the order of exports holds.
         */
        static RefusedInApply olderExport(Instant exportedAt, Instant newest) {
            return new RefusedInApply(List.of(new Violation("ExportedAt", ViolationCode.INCONSISTENT,
                    "is " + exportedAt + ", older than the export applied last (" + newest + ")")));
        }
    }

    /** Records that an export could not even be fetched; the last good state stays. */
    public Uni<SyncReport> failed(String tenant, ImportChannel channel, Instant started, String reason) {
        SyncReport report = SyncReport.withoutChanges(tenant, channel, SyncOutcome.FAILED, started, clock.instant(), reason, List.of());
        return pool.withTransaction(c -> SyncRuns.insert(c, report));
    }

    /** How long each step of an import took, for the log. */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        synchronized void done(String phase) {
            long now = System.nanoTime();
            text.append(text.isEmpty() ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }

    private record Read(OrgExport export, List<Violation> violations) {
    }

    private Read read(String tenant, byte[] json) {
        OrgExport export;
        try {
            export = reader.read(tenant, json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the value (an HR system's CPR number in a Uuid, say): only the path goes on.
            return new Read(null, List.of(new Violation(Json.pathOf(e), ViolationCode.MALFORMED_JSON,
                    "cannot be read as this field of an organisation export")));
        } catch (IOException e) {
            return new Read(null, List.of(new Violation("", ViolationCode.MALFORMED_JSON, "could not be read: " + e.getMessage())));
        }
        if (export == null) { // the body was the JSON literal null; missing lists fail in the record's constructor above
            return new Read(null, List.of(new Violation("", ViolationCode.REQUIRED, "must have Municipality, OrgUnits and Users")));
        }
        List<Violation> violations = new ArrayList<>(OrgExportCheck.check(export));
        if (!tenant.equals(export.municipality())) {
            violations.add(new Violation("Municipality", ViolationCode.INCONSISTENT,
                    "is " + export.municipality() + " but the export was given for " + tenant));
        }
        if (export.orgUnits().isEmpty()) {
            violations.add(new Violation("OrgUnits", ViolationCode.TOO_FEW,
                    "is empty; an export without units would end the whole organisation"));
        }
        if (export.users().isEmpty()) {
            violations.add(new Violation("Users", ViolationCode.TOO_FEW,
                    "is empty; an export without users would end everyone's access (a cut-off HR export, most likely)"));
        }
        return new Read(export, violations);
    }

    private Uni<SyncReport> refuse(String tenant, ImportChannel channel, Instant started, List<Violation> violations) {
        LOG.warnf("Refused the %s organisation export of %s: %d problems, first: %s %s", channel, tenant, violations.size(),
                violations.get(0).path(), violations.get(0).message());
        SyncReport report = SyncReport.refused(tenant, channel, started, clock.instant(), violations);
        return pool.withTransaction(c -> SyncRuns.insert(c, report));
    }

    /** What an import did, with what the cache needs afterwards. */
    private record Applied(SyncReport report, long previousRun, ExportPlan.Stored before, ExportPlan.Snapshot snapshotBefore,
                           ExportPlan plan) {
    }

    private Uni<SyncReport> apply(String tenant, OrgExport export, ImportChannel channel, Instant started, Phases phases) {
        boolean orgRestriction = config.orgRestriction(tenant);
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                        .execute(Tuple.of("org-sync/" + tenant))
                        .chain(() -> connection.preparedQuery("""
                                        select coalesce(max(id) filter (where outcome = 'APPLIED'), 0),
                                               max(exported_at) filter (where outcome in ('APPLIED', 'UNCHANGED'))
                                        from sync_run where tenant = $1""")
                                .execute(Tuple.of(tenant)))
                        .map(rows -> {
                            var row = rows.iterator().next();
                            OffsetDateTime newest = row.getOffsetDateTime(1);
                            if (export.exportedAt() != null && newest != null && export.exportedAt().isBefore(newest.toInstant())) {
                                throw RefusedInApply.olderExport(export.exportedAt(), newest.toInstant());
                            }
                            return row.getLong(0);
                        })
                        .chain(latestRun -> {
                            LastGoodCache.LastGood cached = cache.valid(tenant, latestRun);
                            Uni<ExportPlan.Stored> stored = cached != null ? Uni.createFrom().item(cached.stored())
                                    : stored(connection, tenant);
                            return stored.invoke(() -> phases.done(cached != null ? "load (cached)" : "load"))
                                    .chain(before -> Uni.createFrom()
                                            .item(() -> ExportPlan.of(export, before, cached == null ? null : cached.snapshot(),
                                                    orgRestriction))
                                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                            .invoke(() -> phases.done("compare"))
                                            .invoke(plan -> {
                                                // Refused here rather than left in the outbox, where Kafka would refuse it on every try.
                                                List<Violation> oversized = RecordSizeCheck.check(export, plan.outbox(),
                                                        config.maxRecordBytes());
                                                if (!oversized.isEmpty()) {
                                                    throw new RefusedInApply(oversized);
                                                }
                                            })
                                            .chain(plan -> write(connection, tenant, channel, started, plan)
                                                    .call(report -> exportedAt(connection, report, export))
                                                    .map(report -> new Applied(report, latestRun, before,
                                                            cached == null ? null : cached.snapshot(), plan))));
                        }))
                .invoke(applied -> {
                    SyncReport report = applied.report();
                    phases.done("write");
                    if (report.outcome() == SyncOutcome.APPLIED) {
                        outbox.drainSoon();
                    }
                    LOG.infof("%s the %s organisation export of %s: units %s, users %s, access republished for %d users (%s)",
                            report.outcome(), channel, tenant, report.units(), report.users(), report.accessPublished(), phases);
                    // Building the next import's cache takes a while for a large organisation: off the event loop and the
                    // answer's path. An import that starts before it is remembered finds the cache stale and reads the database.
                    Infrastructure.getDefaultWorkerPool().execute(() -> {
                        ExportPlan.Snapshot snapshot = ExportPlan.Snapshot.after(export, applied.plan(), applied.snapshotBefore(),
                                orgRestriction);
                        cache.remember(tenant, report.outcome() == SyncOutcome.APPLIED
                                ? new LastGoodCache.LastGood(report.runId(), applied.plan().applyTo(applied.before()), snapshot)
                                : new LastGoodCache.LastGood(applied.previousRun(), applied.before(), snapshot));
                    });
                })
                .map(Applied::report);
    }

    private static Uni<ExportPlan.Stored> stored(SqlConnection connection, String tenant) {
        Tuple byTenant = Tuple.of(tenant);
        Map<UUID, String> units = new HashMap<>();
        Map<UUID, String> users = new HashMap<>();
        Map<String, String> access = new HashMap<>();
        return connection.preparedQuery("select uuid, content_hash from org_unit where tenant = $1").execute(byTenant)
                .invoke(rows -> rows.forEach(r -> units.put(r.getUUID(0), r.getString(1))))
                .chain(() -> connection.preparedQuery("select uuid, content_hash from org_user where tenant = $1").execute(byTenant))
                .invoke(rows -> rows.forEach(r -> users.put(r.getUUID(0), r.getString(1))))
                .chain(() -> connection.preparedQuery("select user_id, access_hash from effective_access where tenant = $1")
                        .execute(byTenant))
                .invoke(rows -> rows.forEach((Row r) -> access.put(r.getString(0), r.getString(1))))
                .replaceWith(() -> new ExportPlan.Stored(units, users, access));
    }

    /** Notes when the export was made, so that an older one is refused later. */
    private static Uni<Void> exportedAt(SqlConnection connection, SyncReport report, OrgExport export) {
        if (export.exportedAt() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("update sync_run set exported_at = $2 where id = $1")
                .execute(Tuple.of(report.runId(), export.exportedAt().atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    private Uni<SyncReport> write(SqlConnection connection, String tenant, ImportChannel channel, Instant started, ExportPlan plan) {
        if (plan.changesNothing()) {
            return SyncRuns.insert(connection, SyncReport.withoutChanges(tenant, channel, SyncOutcome.UNCHANGED, started,
                    clock.instant(), "The export equals the last good organisation.", List.of()));
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Batches.execute(connection, "delete from org_unit where tenant = $1 and uuid = $2",
                        plan.unitsToEnd().stream().map(id -> Tuple.of(tenant, id)).toList())
                .chain(() -> Batches.execute(connection, """
                                insert into org_unit (tenant, uuid, short_key, name, parent_uuid, registration, content_hash, updated_at)
                                values ($1, $2, $3, $4, $5, $6, $7, $8)
                                on conflict (tenant, uuid) do update set short_key = excluded.short_key, name = excluded.name,
                                parent_uuid = excluded.parent_uuid, registration = excluded.registration,
                                content_hash = excluded.content_hash, updated_at = excluded.updated_at""",
                        plan.unitsToWrite().stream().map(u -> row(tenant, u.unit().uuid(), u.unit().shortKey(),
                                u.unit().name(), u.unit().parentOrgUnitUuid(), u.registration(), u.hash(), now)).toList()))
                .chain(() -> Batches.execute(connection, "delete from org_user where tenant = $1 and uuid = $2",
                        plan.usersToEnd().stream().map(id -> Tuple.of(tenant, id)).toList()))
                .chain(() -> Batches.execute(connection, """
                                insert into org_user (tenant, uuid, user_id, name, registration, content_hash, updated_at)
                                values ($1, $2, $3, $4, $5, $6, $7)
                                on conflict (tenant, uuid) do update set user_id = excluded.user_id, name = excluded.name,
                                registration = excluded.registration, content_hash = excluded.content_hash, updated_at = excluded.updated_at""",
                        plan.usersToWrite().stream().map(u -> row(tenant, u.user().uuid(), u.user().userId(),
                                u.user().name(), u.registration(), u.hash(), now)).toList()))
                .chain(() -> Batches.execute(connection, "delete from effective_access where tenant = $1 and user_id = $2",
                        plan.accessToEnd().stream().map(login -> Tuple.of(tenant, login)).toList()))
                .chain(() -> Batches.execute(connection, """
                                insert into effective_access (tenant, user_id, access, access_hash, updated_at) values ($1, $2, $3, $4, $5)
                                on conflict (tenant, user_id) do update set access = excluded.access, access_hash = excluded.access_hash,
                                updated_at = excluded.updated_at""",
                        plan.accessToWrite().stream().map(a -> Tuple.of(tenant, a.userId(), a.access(), a.hash(), now)).toList()))
                .chain(() -> connection.query("select nextval('outbox_generation')").execute())
                .chain(rows -> Outbox.enqueue(connection, plan.outbox(), rows.iterator().next().getLong(0)))
                .chain(() -> {
                    SyncReport report = new SyncReport(0, tenant, channel, SyncOutcome.APPLIED, started, clock.instant(), plan.units(),
                            plan.users(), plan.accessToWrite().size() + plan.accessToEnd().size(), null, List.of());
                    return SyncRuns.insert(connection, report);
                });
    }

    /** A statement's parameters; unlike {@code Tuple.of} it takes any number, and nulls. */
    private static Tuple row(Object... values) {
        return Tuple.from(java.util.Arrays.asList(values));
    }
}
