package dk.overblik.contracts.party;

import java.util.Locale;
import java.util.Optional;

/** The business events of a CPR event that Overblik translates into party events. */
public enum CprBusinessEvent {
    FLYTNING("Flytning", PartyEventType.MOVED),
    DOEDSFALD("Doedsfald", PartyEventType.DIED),
    ADRESSEBESKYTTELSE("Adressebeskyttelse", PartyEventType.ADDRESS_PROTECTION_CHANGED);

    private final String code;
    private final PartyEventType partyEventType;

    CprBusinessEvent(String code, PartyEventType partyEventType) {
        this.code = code;
        this.partyEventType = partyEventType;
    }

    public String code() {
        return code;
    }

    public PartyEventType partyEventType() {
        return partyEventType;
    }

    public static Optional<CprBusinessEvent> of(String code) {
        for (CprBusinessEvent event : values()) {
            if (event.code.toLowerCase(Locale.ROOT).equals(code.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
