package dk.overblik.contracts.party;

import dk.overblik.contracts.value.PartyRef;

import java.time.Instant;
import java.util.UUID;

/**
 * A party event (value on {@code overblik.party-events.v1}, keyed by the CPR or CVR number).
 * Whether a move is out of, into or within a municipality is decided per municipality from the
 * two municipality codes.
 */
public record PartyEvent(UUID eventId, PartyRef party, PartyEventType type, String previousMunicipalityCode,
                         String currentMunicipalityCode, Instant effectiveAt) {

    /** The Kafka key: the bare CPR or CVR number, so all events of one party stay in order. */
    public String key() {
        return party.number();
    }

    public boolean movedOutOf(String municipalityCode) {
        return type == PartyEventType.MOVED && municipalityCode.equals(previousMunicipalityCode)
                && !municipalityCode.equals(currentMunicipalityCode);
    }

    public boolean movedInto(String municipalityCode) {
        return type == PartyEventType.MOVED && municipalityCode.equals(currentMunicipalityCode)
                && !municipalityCode.equals(previousMunicipalityCode);
    }

    public boolean movedWithin(String municipalityCode) {
        return type == PartyEventType.MOVED && municipalityCode.equals(currentMunicipalityCode)
                && municipalityCode.equals(previousMunicipalityCode);
    }
}
