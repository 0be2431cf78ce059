package dk.overblik.advis.rules;

import dk.overblik.contracts.value.Progress;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** An alert rule of one municipality. */
@Entity
@Table(name = "rule")
public class Rule extends PanacheEntityBase {
    @Id
    public UUID id;

    public String tenant;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_type")
    public Trigger trigger;

    @Column(name = "kle_scope")
    public String[] kleScope;

    public String[] progress;

    @Column(name = "source_systems")
    public String[] sourceSystems;

    @Column(name = "max_sensitivity")
    public Integer maxSensitivity;

    @Column(name = "other_source_system")
    public boolean otherSourceSystem;

    public String message;

    public boolean enabled;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    public RuleCondition condition() {
        return new RuleCondition(List.of(kleScope), Arrays.stream(progress).map(Progress::valueOf).toList(), List.of(sourceSystems),
                maxSensitivity, otherSourceSystem);
    }

    /** Sets everything an administrator may change. */
    public void apply(RuleRequest request) {
        RuleCondition condition = request.conditionOrAny();
        name = request.name().trim();
        trigger = request.trigger();
        kleScope = condition.kleScope().toArray(String[]::new);
        progress = condition.progress().stream().map(Enum::name).toArray(String[]::new);
        sourceSystems = condition.sourceSystems().toArray(String[]::new);
        maxSensitivity = condition.maxSensitivity();
        otherSourceSystem = condition.otherSourceSystem();
        message = request.message();
        enabled = request.enabled() == null || request.enabled();
        updatedAt = Instant.now();
    }

    public static Rule create(String tenant, RuleRequest request) {
        Rule rule = new Rule();
        rule.id = UUID.randomUUID();
        rule.tenant = tenant;
        rule.apply(request);
        rule.createdAt = rule.updatedAt;
        return rule;
    }

    /** The enabled rules for any of these triggers, in every municipality. */
    public static Uni<List<Rule>> enabledFor(Collection<Trigger> triggers) {
        return list("enabled = true and trigger in ?1 order by createdAt", triggers);
    }

    public static Uni<List<Rule>> ofTenant(String tenant) {
        return list("tenant = ?1 order by createdAt", tenant);
    }

    public static Uni<Rule> ofTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }
}
