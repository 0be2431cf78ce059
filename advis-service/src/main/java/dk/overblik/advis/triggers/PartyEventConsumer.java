package dk.overblik.advis.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.advis.alerts.AlertRaiser;
import dk.overblik.advis.config.Municipalities;
import dk.overblik.advis.rules.MessageTemplate;
import dk.overblik.advis.rules.Rule;
import dk.overblik.advis.rules.Trigger;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.party.PartyEvent;
import dk.overblik.contracts.validation.PartyEventReader;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.service.kafka.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Party events (CPR events) to alerts: what the event means to each municipality served (moved out,
 * in, within; died; address protection changed), then that municipality's rules for it. An event
 * that cannot be read goes to the dead-letter topic with the reason; the offset is committed only
 * once every alert the batch gives is stored.
 */
@ApplicationScoped
public class PartyEventConsumer {
    private static final Logger LOG = Logger.getLogger(PartyEventConsumer.class);

    private final Municipalities municipalities;
    private final AlertRaiser raiser;
    private final Retry retry;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Counter refused;

    public PartyEventConsumer(Municipalities municipalities, AlertRaiser raiser, Retry retry,
                              @Channel("party-events-dlq") MutinyEmitter<byte[]> deadLetters, MeterRegistry registry) {
        this.municipalities = municipalities;
        this.raiser = raiser;
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.refused = Refusal.counter(registry, Topics.PARTY_EVENTS);
    }

    /**
     * A batch at a time: the rules once, every event's matching cases in one multi-search, every alert in one
     * transaction. Unreadable records go to the dead-letter topic first, and so does an event whose alerts the
     * database or OpenSearch refuses (see {@link Retry}); the batch is acknowledged after all of it.
     */
    @Incoming("party-events-in")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        Executor context = retry.context(); // the dead-letter send below may complete on a Kafka thread
        List<ReadEvent> events = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                List<TriggerEvent> triggers = triggers(read(record.value()));
                if (!triggers.isEmpty()) {
                    events.add(new ReadEvent(record, triggers));
                }
            } catch (InvalidEvent e) {
                LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                rejected.add(new DeadLetter(record, e.getMessage()));
            }
        }
        Uni<Void> deadLettered = rejected.isEmpty() ? Uni.createFrom().voidItem()
                : retry.untilDone("Dead-lettering " + rejected.size() + " party events",
                Uni.join().all(rejected.stream().map(letter -> letter.sendTo(deadLetters)).toList()).andFailFast().replaceWithVoid(),
                context);
        if (events.isEmpty()) {
            return deadLettered;
        }
        return deadLettered.chain(() -> retry.untilDoneOrRefused("A batch of " + events.size() + " party events", events,
                this::raise, (event, reason) -> {
                    refused.increment();
                    return new DeadLetter(event.record(), reason).sendTo(deadLetters);
                }, context));
    }

    /** A readable event and what it means to the municipalities served. */
    record ReadEvent(ConsumerRecord<String, byte[]> record, List<TriggerEvent> triggers) {
    }

    private Uni<Integer> raise(List<ReadEvent> events) {
        List<TriggerEvent> triggers = events.stream().flatMap(e -> e.triggers().stream()).toList();
        // The rules first, in one session on this context; the OpenSearch calls after them continue elsewhere.
        return Panache.withSession(() -> Rule.enabledFor(triggers.stream().map(TriggerEvent::trigger).distinct().toList()))
                .chain(rules -> raiser.raise(triggers, rules));
    }

    /** The event as each municipality served sees it. */
    List<TriggerEvent> triggers(PartyEvent event) {
        List<TriggerEvent> triggers = new ArrayList<>();
        for (Map.Entry<String, String> municipality : municipalities.codeByTenant().entrySet()) {
            Optional<Trigger> trigger = Trigger.of(event, municipality.getValue());
            trigger.ifPresent(t -> triggers.add(new TriggerEvent(event.eventId(), municipality.getKey(), t,
                    List.of(event.party().urn()), null, Map.of(
                    "effectiveAt", MessageTemplate.date(event.effectiveAt()),
                    "previousMunicipality", nullToEmpty(event.previousMunicipalityCode()),
                    "currentMunicipality", nullToEmpty(event.currentMunicipalityCode())))));
        }
        return triggers;
    }

    static PartyEvent read(byte[] value) {
        if (value == null) {
            throw new InvalidEvent("No value");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new InvalidEvent("Not JSON");
        }
        ReadResult<PartyEvent> result = PartyEventReader.read(tree);
        if (!result.isValid()) {
            throw new InvalidEvent("Not a valid party event: " + result.violations().stream()
                    .map(v -> v.path() + " " + v.message()).toList());
        }
        return result.value();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A record that no retry can help; its message is the dead-letter reason (never holds a CPR number). */
    static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String reason) {
            super(reason);
        }
    }
}
