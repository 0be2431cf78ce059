package dk.overblik.testsupport;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.org.OrgUserState;

import java.util.Map;

/** Publishes what org-sync would: a user's effective access, a unit, an employee (for services that read those topics). */
public final class PublishedAccess {
    private PublishedAccess() {
    }

    public static void publish(EffectiveAccess access) {
        KafkaProbe.send(Topics.ACCESS, EffectiveAccess.key(access.tenant(), access.userId()), Json.toBytes(access),
                headers(EventTypes.ACCESS));
    }

    public static void publish(OrgUnitState unit) {
        KafkaProbe.send(Topics.ORG, OrgUnitState.key(unit.tenant(), unit.uuid()), Json.toBytes(unit),
                headers(EventTypes.ORG_UNIT));
    }

    public static void publish(OrgUserState user) {
        KafkaProbe.send(Topics.ORG, OrgUnitState.key(user.tenant(), user.uuid()), Json.toBytes(user),
                headers(EventTypes.ORG_USER));
    }

    /** A tombstone: the user's access has ended (they left). */
    public static void withdraw(String tenant, String userId) {
        KafkaProbe.send(Topics.ACCESS, EffectiveAccess.key(tenant, userId), null,
                headers(EventTypes.ACCESS));
    }

    /** A value for the user's key that no reader can decode (a broken producer). */
    public static void publishUnreadable(String tenant, String userId) {
        KafkaProbe.send(Topics.ACCESS, EffectiveAccess.key(tenant, userId),
                "{\"tenant\": \"%s\", \"userId\": \"%s\", \"kleScope\": 7}".formatted(tenant, userId).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                headers(EventTypes.ACCESS));
    }

    /** CloudEvents binary-mode headers, as org-sync's outbox sets them. */
    private static Map<String, String> headers(String type) {
        return Map.of("ce_type", type, "ce_specversion", "1.0", "ce_source", "urn:overblik:test",
                "ce_id", java.util.UUID.randomUUID().toString());
    }
}
