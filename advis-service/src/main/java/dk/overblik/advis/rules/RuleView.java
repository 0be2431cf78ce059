package dk.overblik.advis.rules;

import java.time.Instant;
import java.util.UUID;

/** A rule as the API returns it. */
public record RuleView(UUID id, String tenant, String name, Trigger trigger, RuleCondition condition, String message, boolean enabled,
                       Instant createdAt, Instant updatedAt) {

    public static RuleView of(Rule rule) {
        return new RuleView(rule.id, rule.tenant, rule.name, rule.trigger, rule.condition(), rule.message, rule.enabled,
                rule.createdAt, rule.updatedAt);
    }
}
