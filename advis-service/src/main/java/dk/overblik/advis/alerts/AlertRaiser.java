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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** Raises the alerts of one event under those {@code rules} that are its municipality's and its trigger's; how many were new. */
    public Uni<Integer> raise(TriggerEvent event, List<Rule> candidates) {
        List<Rule> rules = candidates.stream()
                .filter(r -> r.tenant.equals(event.tenant()) && r.trigger == event.trigger()).toList();
        if (rules.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(rules)
                .onItem().transformToUniAndConcatenate(rule -> matcher.matching(event, rule.condition())
                        .map(cases -> cases.stream().map(c -> alertFor(event, rule, c)).toList()))
                .collect().in(ArrayList<NewAlert>::new, List::addAll)
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
                matched.kle().subject(), matched.sensitivityLevel(), matched.responsibleUnit());
    }

    /** The primary caseworker's login, if the case names one who still works in the municipality. */
    private String recipientUser(IndexedCase matched) {
        return views.employee(matched.tenant(), matched.primaryCaseworker()).map(OrgUserState::userId).orElse(null);
    }

    /** The same rule, case and event always give the same alert id, so that a repeat is recognisable everywhere. */
    static UUID alertId(UUID ruleId, UUID caseId, UUID eventId) {
        return UUID.nameUUIDFromBytes((ruleId + "|" + caseId + "|" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    private Uni<Integer> store(SqlConnection connection, List<NewAlert> alerts) {
        return Multi.createFrom().iterable(alerts)
                .onItem().transformToUniAndConcatenate(alert -> connection.preparedQuery("""
                                insert into alert (id, tenant, rule_id, trigger_event_id, case_id, party, recipient_user, recipient_unit,
                                                   message, status, case_kle_subject, case_sensitivity, case_unit)
                                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'NEW', $10, $11, $12)
                                on conflict on constraint alert_once do nothing
                                returning created_at""")
                        .execute(Tuple.from(Arrays.asList(alert.id(), alert.tenant(), alert.ruleId(), alert.triggerEventId(), alert.caseId(),
                                alert.party(), alert.recipientUser(), alert.recipientUnit(), alert.message(),
                                alert.caseKleSubject(), alert.caseSensitivity(), alert.caseUnit())))
                        .map(rows -> stored(alert, rows)))
                .collect().asList()
                .chain(stored -> {
                    List<Alert> fresh = stored.stream().filter(Objects::nonNull).toList();
                    return AlertOutbox.enqueue(connection, fresh.stream()
                                    .map(a -> AlertOutbox.Entry.of(a, EventTypes.ADVIS_RAISED, alertEventId(a.id()))).toList())
                            .replaceWith(fresh.size());
                });
    }

    private static Alert stored(NewAlert alert, RowSet<Row> rows) {
        if (rows.rowCount() == 0) {
            return null;
        }
        return new Alert(alert.id(), alert.tenant(), alert.ruleId(), alert.triggerEventId(), alert.caseId(), alert.party(),
                alert.recipientUser(), alert.recipientUnit(), alert.message(), AlertStatus.NEW,
                rows.iterator().next().getOffsetDateTime("created_at").toInstant());
    }

    private static UUID alertEventId(UUID alertId) {
        return UUID.nameUUIDFromBytes(("raised|" + alertId).getBytes(StandardCharsets.UTF_8));
    }
}
