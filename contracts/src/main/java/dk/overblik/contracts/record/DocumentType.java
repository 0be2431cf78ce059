package dk.overblik.contracts.record;

/** What kind of document it is. */
public enum DocumentType {
    INCOMING_LETTER,
    OUTGOING_LETTER,
    NOTE,
    DECISION,
    OTHER
}
