package dk.overblik.advis.triggers;

import dk.overblik.advis.rules.Trigger;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something that may start rules in one municipality. {@code parties} are the citizens or companies
 * whose cases the rules look at; {@code triggerCase} is the case that changed (case triggers only),
 * which is never itself alerted on. {@code values} fill the message placeholders of the event.
 */
public record TriggerEvent(UUID eventId, String tenant, Trigger trigger, List<String> parties, TriggerCase triggerCase,
                           Map<String, String> values) {

    public record TriggerCase(UUID id, String sourceSystem) {
    }
}
