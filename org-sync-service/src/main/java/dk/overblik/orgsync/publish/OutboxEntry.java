package dk.overblik.orgsync.publish;

/**
 * A record waiting in the outbox: the latest value of a key on a compacted topic, or a tombstone
 * ({@code payload == null}) when the unit, user or access has ended.
 */
public record OutboxEntry(String topic, String key, String eventType, String payload) {
}
