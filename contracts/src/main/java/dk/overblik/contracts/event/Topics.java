package dk.overblik.contracts.event;

import java.util.List;
import java.util.Set;

/** Kafka topic names (DESIGN section 3). */
public final class Topics {
    public static final String CASES = "overblik.cases.v1";
    public static final String DOCUMENTS = "overblik.documents.v1";
    public static final String PARTY_EVENTS = "overblik.party-events.v1";
    public static final String ORG = "overblik.org.v1";
    public static final String ACCESS = "overblik.access.v1";
    public static final String ADVIS = "overblik.advis.v1";

    /** Every topic of the design; each has a dead-letter topic beside it. */
    public static final List<String> ALL = List.of(CASES, DOCUMENTS, PARTY_EVENTS, ORG, ACCESS, ADVIS);

    /** Topics whose latest value per key is the state (log compaction). */
    public static final Set<String> COMPACTED = Set.of(ORG, ACCESS);

    /**
     * The largest record the compacted topics take (their {@code max.message.bytes}, and org-sync's
     * {@code max.request.size}), above Kafka's 1 MiB default: a director's access lists every unit below
     * her, some 40 bytes each, and a large municipality has tens of thousands of units.
     */
    public static final int COMPACTED_MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic for records of {@code topic} that could not be processed. */
    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
