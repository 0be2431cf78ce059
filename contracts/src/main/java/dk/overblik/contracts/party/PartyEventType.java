package dk.overblik.contracts.party;

/** What happened to a person or company, as Overblik's alert rules see it. */
public enum PartyEventType {
    MOVED,
    DIED,
    ADDRESS_PROTECTION_CHANGED
}
