package dk.overblik.advis.triggers;

import dk.overblik.advis.alerts.AlertRaiser;
import dk.overblik.advis.config.AdvisConfig;
import dk.overblik.advis.rules.MessageTemplate;
import dk.overblik.advis.rules.Rule;
import dk.overblik.advis.rules.Trigger;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.contracts.value.Progress;
import dk.overblik.service.kafka.CloudEventHeaders;
import dk.overblik.service.kafka.DeadLetter;
import dk.overblik.service.kafka.RecordTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Case events to alerts, a batch at a time: which cases opened, closed or changed progress (against
 * the last registration seen of each), the alerts the municipality's case rules give for the other
 * cases of the same parties, then the new last registrations and the access fields of alerts on
 * those cases. Alerts are stored before the tracking moves on, so a redelivered batch finds the
 * same transitions and the unique key keeps the alerts single.
 */
@ApplicationScoped
public class CaseEventConsumer {
    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);
    private static final Set<Trigger> CASE_TRIGGERS = EnumSet.of(Trigger.CASE_OPENED, Trigger.CASE_CLOSED, Trigger.CASE_PROGRESS_CHANGED);

    private final Pool pool;
    private final AlertRaiser raiser;
    private final Retry retry;
    private final AdvisConfig config;
    private final RecordReader reader = RecordReader.withSystemClock();
    private final Counter skipped;
    private final Counter refused;
    private final MutinyEmitter<byte[]> deadLetters;

    public CaseEventConsumer(Pool pool, AlertRaiser raiser, Retry retry, AdvisConfig config, MeterRegistry registry,
                             @Channel("case-events-dlq") MutinyEmitter<byte[]> deadLetters) {
        this.pool = pool;
        this.raiser = raiser;
        this.retry = retry;
        this.config = config;
        this.deadLetters = deadLetters;
        this.skipped = Counter.builder("advis.case.events.skipped")
                .description("Case events advis could not read (the indexer dead-letters them)").register(registry);
        this.refused = Refusal.counter(registry, Topics.CASES);
    }

    /** One registration of a case, or its deletion, and the record it came in. */
    record Change(String tenant, UUID caseId, Instant registeredAt, CaseRecord upsert, UUID eventId,
                  ConsumerRecord<String, byte[]> record) {
        String key() {
            return tenant + "/" + caseId;
        }
    }

    @Incoming("case-events-in")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        List<Change> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            read(record).ifPresentOrElse(changes::add, skipped::increment);
        }
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // A case event advis cannot handle is one the indexer has indexed: it goes to the same dead-letter topic, with
        // a reason that says it was advis that could not. Its registration is still tracked (without its alerts), so
        // that the access fields of earlier alerts on the case follow it.
        Executor context = retry.context();
        return retry.untilDoneOrRefused("A batch of " + changes.size() + " case events", changes, c -> process(c, true),
                (change, reason) -> deadLetterAndTrack(change, reason, context), context);
    }

    private Uni<Void> deadLetterAndTrack(Change change, String reason, Executor context) {
        refused.increment();
        return new DeadLetter(change.record(), "advis could not raise its alerts: " + reason).sendTo(deadLetters)
                .chain(() -> retry.untilDoneOrRefused("Tracking a dead-lettered case event", List.of(change), c -> process(c, false),
                        (untracked, why) -> {
                            LOG.warnf("Could not track the dead-lettered case event %s either: %s", untracked.key(), why);
                            return Uni.createFrom().voidItem();
                        }, context));
    }

    /** The changes' transitions, their alerts when {@code raiseAlerts}, then the new last registrations. */
    private Uni<Void> process(List<Change> changes, boolean raiseAlerts) {
        // The rules first, in one session on this context; the OpenSearch calls after them continue elsewhere.
        return Panache.withSession(() -> Rule.enabledFor(CASE_TRIGGERS))
                .chain(rules -> tracked(changes).chain(tracked -> {
            List<TriggerEvent> triggers = new ArrayList<>();
            Map<String, Change> latest = new LinkedHashMap<>();
            for (Change change : changes) {
                CaseTransitions.Tracked previous = tracked.get(change.key());
                if (!CaseTransitions.isNewer(previous, change.registeredAt())) {
                    continue;
                }
                if (change.upsert() != null && raiseAlerts) {
                    CaseTransitions.of(previous, change.upsert(), config.caseOpenedWithin(), Instant.now())
                            .ifPresent(trigger -> triggers.add(triggerEvent(change, trigger)));
                }
                if (change.upsert() != null) {
                    tracked.put(change.key(), new CaseTransitions.Tracked(change.upsert().progress(), change.registeredAt(), false));
                } else {
                    tracked.put(change.key(), new CaseTransitions.Tracked(previous == null ? null : previous.progress(),
                            change.registeredAt(), true));
                }
                latest.put(change.key(), change);
            }
            return raiser.raise(triggers, rules).chain(() -> pool.withTransaction(c -> track(c, latest.values())));
        }));
    }


    private static TriggerEvent triggerEvent(Change change, Trigger trigger) {
        CaseRecord c = change.upsert();
        List<String> parties = c.parties().stream().map(p -> p.ref().urn()).distinct().toList();
        Map<String, String> values = new HashMap<>();
        values.put("triggerCaseTitle", c.title());
        values.put("triggerCaseNumber", c.caseNumber());
        values.put("triggerSourceSystem", c.sourceSystem());
        values.put("effectiveAt", MessageTemplate.date(c.registeredAt()));
        return new TriggerEvent(change.eventId(), c.tenant(), trigger, parties, new TriggerEvent.TriggerCase(c.id(), c.sourceSystem()),
                values);
    }

    /** The last registration seen of each case in the batch. */
    private Uni<Map<String, CaseTransitions.Tracked>> tracked(List<Change> changes) {
        UUID[] ids = changes.stream().map(Change::caseId).distinct().toArray(UUID[]::new);
        return pool.preparedQuery("select tenant, case_id, progress, registered_at, deleted from tracked_case where case_id = any($1)")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, CaseTransitions.Tracked> tracked = new HashMap<>();
                    for (Row row : rows) {
                        String progress = row.getString("progress");
                        tracked.put(row.getString("tenant") + "/" + row.getUUID("case_id"), new CaseTransitions.Tracked(
                                progress == null ? null : Progress.valueOf(progress),
                                row.getOffsetDateTime("registered_at").toInstant(), row.getBoolean("deleted")));
                    }
                    return tracked;
                });
    }

    /** The new last registrations, and the access fields of alerts on the changed cases: one statement each. */
    private static Uni<Void> track(SqlConnection connection, Collection<Change> latest) {
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Change> changes = List.copyOf(latest);
        Tuple columns = Tuple.from(List.<Object>of(
                changes.stream().map(Change::tenant).toArray(String[]::new),
                changes.stream().map(Change::caseId).toArray(UUID[]::new),
                changes.stream().map(c -> c.upsert() == null ? null : c.upsert().progress().name()).toArray(String[]::new),
                changes.stream().map(c -> c.registeredAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                changes.stream().map(c -> c.upsert() == null).toArray(Boolean[]::new),
                changes.stream().map(c -> c.upsert() == null ? null : c.upsert().kle().subject()).toArray(String[]::new),
                changes.stream().map(c -> c.upsert() == null ? null : c.upsert().sensitivity().level()).toArray(Integer[]::new),
                changes.stream().map(c -> c.upsert() == null ? null : c.upsert().responsibleUnit()).toArray(UUID[]::new)));
        return connection.preparedQuery("""
                        insert into tracked_case (tenant, case_id, progress, registered_at, deleted, kle_subject, sensitivity, unit)
                        select tenant, case_id, progress, registered_at, deleted, kle, sensitivity, unit
                        from unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::timestamptz[], $5::boolean[], $6::varchar[],
                                    $7::int[], $8::uuid[])
                             as v(tenant, case_id, progress, registered_at, deleted, kle, sensitivity, unit)
                        on conflict (tenant, case_id) do update
                        set progress = coalesce(excluded.progress, tracked_case.progress), registered_at = excluded.registered_at,
                            deleted = excluded.deleted, kle_subject = coalesce(excluded.kle_subject, tracked_case.kle_subject),
                            sensitivity = coalesce(excluded.sensitivity, tracked_case.sensitivity),
                            unit = coalesce(excluded.unit, tracked_case.unit)
                        where tracked_case.registered_at < excluded.registered_at""")
                .execute(columns)
                .chain(() -> connection.preparedQuery("""
                                update alert a
                                set case_kle_subject = coalesce(v.kle, a.case_kle_subject),
                                    case_sensitivity = coalesce(v.sensitivity, a.case_sensitivity),
                                    case_unit = coalesce(v.unit, a.case_unit), case_deleted = v.deleted
                                from unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::timestamptz[], $5::boolean[], $6::varchar[],
                                            $7::int[], $8::uuid[])
                                     as v(tenant, case_id, progress, registered_at, deleted, kle, sensitivity, unit)
                                where a.case_id = v.case_id and a.tenant = v.tenant""")
                        .execute(columns))
                .replaceWithVoid();
    }

    private Optional<Change> read(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventHeaders.type(record);
        if (record.value() == null) {
            LOG.warnf("Skipping case event %s at offset %d: no value", record.key(), record.offset());
            return Optional.empty();
        }
        RecordReader asPublished = reader.asOf(RecordTime.judgedAt(record));
        if (EventTypes.CASE_UPSERTED.equals(type)) {
            ReadResult<CaseRecord> result = asPublished.readCase(record.value());
            if (result.isValid()) {
                CaseRecord c = result.value();
                return Optional.of(new Change(c.tenant(), c.id(), c.registeredAt(), c, eventId(record, type, c.key(), c.version()), record));
            }
        } else if (EventTypes.CASE_DELETED.equals(type)) {
            ReadResult<Deletion> result = asPublished.readDeletion(record.value());
            if (result.isValid()) {
                Deletion d = result.value();
                return Optional.of(new Change(d.tenant(), d.id(), d.registeredAt(), null, eventId(record, type, d.key(), d.version()), record));
            }
        }
        LOG.warnf("Skipping case event %s at offset %d: not a valid %s", record.key(), record.offset(), type);
        return Optional.empty();
    }

    /**
     * The event's id, which keeps its alerts single however often it comes: its CloudEvents id where
     * that is a UUID (the API's are); another id, with its source, as a name-based UUID; none, the id
     * the API gives the same registration. So every case record the indexer takes can raise alerts
     * (before, a record whose id was no UUID was indexed, and skipped here).
     */
    private static UUID eventId(ConsumerRecord<String, byte[]> record, String type, String key, long version) {
        String id = CloudEventHeaders.text(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            return UUID.fromString(EventTypes.eventId(type, key, version));
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            String source = CloudEventHeaders.text(record, CloudEventHeaders.SOURCE);
            return UUID.nameUUIDFromBytes((source + "|" + id).getBytes(StandardCharsets.UTF_8));
        }
    }
}
