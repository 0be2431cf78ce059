package dk.overblik.contracts.record;

/** The role a party plays in a case or document. */
public enum PartyRole {
    PRIMARY,
    SECONDARY,
    BENEFICIARY
}
