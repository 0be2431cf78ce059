package dk.overblik.contracts.record;

import java.util.UUID;

/** Kafka key of a case or document: {@code <tenant>/<id>}, so every version lands on one partition. */
public final class RecordKey {
    private RecordKey() {
    }

    public static String of(String tenant, UUID id) {
        return tenant + "/" + id;
    }
}
