package dk.overblik.contracts.record;

import java.time.Instant;
import java.util.UUID;

/**
 * The source system deleted a case or a document. Deletion is versioned like an upsert: it wins
 * over every registration older than {@code registeredAt} and loses to every newer one.
 */
public record Deletion(UUID id, String tenant, String sourceSystem, Instant registeredAt) {

    public String key() {
        return RecordKey.of(tenant, id);
    }

    public long version() {
        return RegistrationVersion.of(registeredAt);
    }
}
