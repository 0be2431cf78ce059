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

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic for records of {@code topic} that could not be processed. */
    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
