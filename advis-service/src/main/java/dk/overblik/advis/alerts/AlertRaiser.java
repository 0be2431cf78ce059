package dk.overblik.advis.alerts;

import dk.overblik.advis.matching.CaseMatcher;
import dk.overblik.advis.rules.MessageTemplate;
import dk.overblik.advis.rules.Rule;
import dk.overblik.advis.triggers.TriggerEvent;
import dk.overblik.contracts.advis.Alert;
import dk.overblik.contracts.advis.AlertStatus;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.org.OrgUserState;
import dk.overblik.service.access.AccessViews;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a trigger event into alerts: for each rule, the matching cases from the index, each with its
 * recipient (the primary caseworker, else the responsible unit) and its message. Stores them once
 * (the unique key on rule, case and event makes a redelivered event a no-op) and puts each new
 * alert into the outbox in the same transaction.
 */
@ApplicationScoped
public class AlertRaiser {
    private final Pool pool;
    private final CaseMatcher matcher;
    private final AccessViews views;
    private final AlertOutbox outbox;
    private final Counter raised;

    public AlertRaiser(Pool pool, CaseMatcher matcher, AccessViews views, AlertOutbox outbox, MeterRegistry registry) {
        this.pool = pool;
        this.matcher = matcher;
        this.views = views;
        this.outbox = outbox;
        this.raised = Counter.builder("advis.alerts.raised").description("Alerts stored (repeats of an event not counted)")
                .register(registry);
    }

    /**
     * Raises the alerts of these events under those {@code rules} that are their municipality's and trigger's: the
     * matching cases of every event and rule in one go, the alerts stored in one transaction. How many were new.
     */
    public Uni<Integer> raise(List<TriggerEvent> events, List<Rule> rules) {
        List<CaseMatcher.Search> searches = new ArrayList<>();
        for (TriggerEvent event : events) {
            for (Rule rule : rules) {
                if (rule.tenant.equals(event.tenant()) && rule.trigger == event.trigger()) {
                    searches.add(new CaseMatcher.Search(event, rule));
                }
            }
        }
        if (searches.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        if (!views.isComplete()) {
            // Whom an alert is for comes from the organisation view; before it is loaded every alert would go to the
            // unit, for good (a repeat of an alert is a no-op). The caller retries until the view is complete.
            return Uni.createFrom().failure(new IllegalStateException("The organisation view is still loading"));
        }
        return matcher.matching(searches)
                .map(found -> {
                    Map<UUID, NewAlert> alerts = new LinkedHashMap<>(); // by id: a repeat within the batch is one alert
                    for (int i = 0; i < searches.size(); i++) {
                        CaseMatcher.Search search = searches.get(i);
                        for (IndexedCase matched : found.get(i)) {
                            NewAlert alert = alertFor(search.event(), search.rule(), matched);
                            alerts.putIfAbsent(alert.id(), alert);
                        }
                    }
                    return List.copyOf(alerts.values());
                })
                .chain(alerts -> alerts.isEmpty() ? Uni.createFrom().item(0) : pool.withTransaction(c -> store(c, alerts)))
                .invoke(stored -> {
                    if (stored > 0) {
                        raised.increment(stored);
                        outbox.drainSoon();
                    }
                });
    }

    NewAlert alertFor(TriggerEvent event, Rule rule, IndexedCase matched) {
        String recipientUser = recipientUser(matched);
        Map<String, String> values = new HashMap<>(event.values());
        values.put("caseTitle", matched.title());
        values.put("caseNumber", matched.caseNumber());
        values.put("sourceSystem", matched.sourceSystem());
        String party = event.parties().stream().filter(matched.partyRefs()::contains).findFirst().orElse(event.parties().get(0));
        return new NewAlert(alertId(rule.id, matched.id(), event.eventId()), event.tenant(), rule.id, event.eventId(), matched.id(),
                party, recipientUser, matched.responsibleUnit(), MessageTemplate.fill(rule.message, values),
                matched.kle().subject(), matched.sensitivityLevel(), matched.responsibleUnit(), matched.registeredAt());
    }

    /** The primary caseworker's login, if the case names one who still works in the municipality. */
    private String recipientUser(IndexedCase matched) {
        return views.employee(matched.tenant(), matched.primaryCaseworker()).map(OrgUserState::userId).orElse(null);
    }

    /** The same rule, case and event always give the same alert id, so that a repeat is recognisable everywhere. */
    static UUID alertId(UUID ruleId, UUID caseId, UUID eventId) {
        return UUID.nameUUIDFromBytes((ruleId + "|" + caseId + "|" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** Inserts the alerts not stored before (one statement) and puts those into the outbox; how many were new. */
    private Uni<Integer> store(SqlConnection connection, List<NewAlert> alerts) {
        Map<UUID, NewAlert> byId = new HashMap<>();
        alerts.forEach(a -> byId.put(a.id(), a));
        List<Object> columns = List.of(
                alerts.stream().map(NewAlert::id).toArray(UUID[]::new),
                alerts.stream().map(NewAlert::tenant).toArray(String[]::new),
                alerts.stream().map(NewAlert::ruleId).toArray(UUID[]::new),
                alerts.stream().map(NewAlert::triggerEventId).toArray(UUID[]::new),
                alerts.stream().map(NewAlert::caseId).toArray(UUID[]::new),
                alerts.stream().map(NewAlert::party).toArray(String[]::new),
                alerts.stream().map(NewAlert::recipientUser).toArray(String[]::new),
                alerts.stream().map(NewAlert::recipientUnit).toArray(UUID[]::new),
                alerts.stream().map(NewAlert::message).toArray(String[]::new),
                alerts.stream().map(NewAlert::caseKleSubject).toArray(String[]::new),
                alerts.stream().map(NewAlert::caseSensitivity).toArray(Integer[]::new),
                alerts.stream().map(NewAlert::caseUnit).toArray(UUID[]::new),
                alerts.stream().map(a -> a.caseRegisteredAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new));
        // The index can be a second behind the case consumer: where the case consumer has seen a newer registration
        // of a case, the alert takes that one's access fields (and its deletion). Its rows are locked first, so that
        // the consumer's next change of them waits for this transaction and then finds these alerts to update.
        Tuple cases = Tuple.of(alerts.stream().map(NewAlert::tenant).toArray(String[]::new),
                alerts.stream().map(NewAlert::caseId).toArray(UUID[]::new));
        return connection.preparedQuery("""
                        select 1 from tracked_case
                        where (tenant, case_id) in (select * from unnest($1::varchar[], $2::uuid[]))
                        for share""")
                .execute(cases)
                .chain(() -> connection.preparedQuery("""
                        insert into alert (id, tenant, rule_id, trigger_event_id, case_id, party, recipient_user, recipient_unit,
                                           message, status, case_kle_subject, case_sensitivity, case_unit, case_deleted)
                        select t.id, t.tenant, t.rule_id, t.trigger_event_id, t.case_id, t.party, t.recipient_user, t.recipient_unit,
                               t.message, 'NEW',
                               case when newer then coalesce(c.kle_subject, t.kle) else t.kle end,
                               case when newer then coalesce(c.sensitivity, t.sensitivity) else t.sensitivity end,
                               case when newer then coalesce(c.unit, t.unit) else t.unit end,
                               newer and c.deleted
                        from unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::varchar[], $7::varchar[],
                                    $8::uuid[], $9::varchar[], $10::varchar[], $11::int[], $12::uuid[], $13::timestamptz[])
                             as t(id, tenant, rule_id, trigger_event_id, case_id, party, recipient_user, recipient_unit, message, kle,
                                  sensitivity, unit, indexed_at)
                        left join tracked_case c on c.tenant = t.tenant and c.case_id = t.case_id
                        cross join lateral (select coalesce(c.registered_at > t.indexed_at, false) as newer) n
                        on conflict on constraint alert_once do nothing
                        returning id, created_at""")
                .execute(Tuple.from(columns)))
                .chain(rows -> {
                    List<Alert> fresh = new ArrayList<>();
                    for (Row row : rows) {
                        NewAlert a = byId.get(row.getUUID("id"));
                        fresh.add(new Alert(a.id(), a.tenant(), a.ruleId(), a.triggerEventId(), a.caseId(), a.party(), a.recipientUser(),
                                a.recipientUnit(), a.message(), AlertStatus.NEW, row.getOffsetDateTime("created_at").toInstant()));
                    }
                    return AlertOutbox.enqueue(connection, fresh.stream()
                                    .map(a -> AlertOutbox.Entry.of(a, EventTypes.ADVIS_RAISED, alertEventId(a.id()))).toList())
                            .replaceWith(fresh.size());
                });
    }

    private static UUID alertEventId(UUID alertId) {
        return UUID.nameUUIDFromBytes(("raised|" + alertId).getBytes(StandardCharsets.UTF_8));
    }
}
