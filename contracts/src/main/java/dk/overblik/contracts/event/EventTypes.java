package dk.overblik.contracts.event;

/**
 * CloudEvents {@code type} values. Every Overblik topic uses CloudEvents binary mode: the
 * attributes travel as {@code ce_*} Kafka headers and the value is the plain JSON payload.
 */
public final class EventTypes {
    public static final String CASE_UPSERTED = "dk.overblik.case.upserted.v1";
    public static final String CASE_DELETED = "dk.overblik.case.deleted.v1";
    public static final String DOCUMENT_UPSERTED = "dk.overblik.document.upserted.v1";
    public static final String DOCUMENT_DELETED = "dk.overblik.document.deleted.v1";
    /** A party event (moved, died, address protection changed) on overblik.party-events.v1. */
    public static final String PARTY_EVENT = "dk.overblik.party.event.v1";
    /** A unit, or its end (tombstone), on overblik.org.v1. */
    public static final String ORG_UNIT = "dk.overblik.org.unit.v1";
    /** An employee, or their leaving (tombstone), on overblik.org.v1. */
    public static final String ORG_USER = "dk.overblik.org.user.v1";
    /** A user's effective access, or its end (tombstone), on overblik.access.v1. */
    public static final String ACCESS = "dk.overblik.access.v1";
    /** An alert raised for a caseworker or unit, on overblik.advis.v1. */
    public static final String ADVIS_RAISED = "dk.overblik.advis.raised.v1";
    /** An alert's new status (seen or done), on overblik.advis.v1. */
    public static final String ADVIS_HANDLED = "dk.overblik.advis.handled.v1";

    private EventTypes() {
    }

    /**
     * A deterministic CloudEvents {@code id}: the same registration of the same record always gets
     * the same id, however often a vendor sends it, so consumers can recognise repeats.
     */
    public static String eventId(String type, String key, long version) {
        return java.util.UUID.nameUUIDFromBytes((type + "|" + key + "|" + version)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The CloudEvents {@code source} of a record pushed by a source system. */
    public static String sourceOf(String tenant, String sourceSystem) {
        return "urn:overblik:source:" + tenant + ":" + sourceSystem;
    }
}
