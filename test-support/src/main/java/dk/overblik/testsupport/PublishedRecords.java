package dk.overblik.testsupport;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes vendor records as the indexer's ingest does, with the CloudEvents headers it sets (the
 * event id derived from type, key and version), for tests that write to the record topics directly.
 */
public final class PublishedRecords {
    private PublishedRecords() {
    }

    /** A case registration, as published now; its event id. */
    public static UUID publish(CaseRecord c) {
        return publish(c, null);
    }

    /** A case registration, stamped {@code publishedAt} by its producer (null: now); its event id. */
    public static UUID publish(CaseRecord c, Instant publishedAt) {
        KafkaProbe.send(Topics.CASES, c.key(), Json.toBytes(c), headers(c), publishedAt);
        return eventId(c);
    }

    public static void publishCaseDeletion(Deletion d) {
        KafkaProbe.send(Topics.CASES, d.key(), Json.toBytes(d),
                headers(EventTypes.CASE_DELETED, d.key(), d.version(), d.tenant(), d.sourceSystem()));
    }

    public static void publishDocumentDeletion(Deletion d) {
        KafkaProbe.send(Topics.DOCUMENTS, d.key(), Json.toBytes(d),
                headers(EventTypes.DOCUMENT_DELETED, d.key(), d.version(), d.tenant(), d.sourceSystem()));
    }

    public static void publish(DocumentRecord d) {
        KafkaProbe.send(Topics.DOCUMENTS, d.key(), Json.toBytes(d),
                headers(EventTypes.DOCUMENT_UPSERTED, d.key(), d.version(), d.tenant(), d.sourceSystem()));
    }

    /** The event id the ingest gives a case registration. */
    public static UUID eventId(CaseRecord c) {
        return UUID.fromString(EventTypes.eventId(EventTypes.CASE_UPSERTED, c.key(), c.version()));
    }

    /** The headers the ingest gives a case registration. */
    public static Map<String, String> headers(CaseRecord c) {
        return headers(EventTypes.CASE_UPSERTED, c.key(), c.version(), c.tenant(), c.sourceSystem());
    }

    private static Map<String, String> headers(String type, String key, long version, String tenant, String sourceSystem) {
        return Map.of("ce_type", type, "ce_source", EventTypes.sourceOf(tenant, sourceSystem), "ce_specversion", "1.0",
                "ce_id", EventTypes.eventId(type, key, version));
    }
}
