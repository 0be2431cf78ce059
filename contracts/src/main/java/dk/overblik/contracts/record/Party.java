package dk.overblik.contracts.record;

import dk.overblik.contracts.value.PartyRef;

/** A party on a case or document: a person or a company in a role. */
public record Party(PartyRole role, PartyRef ref) {
}
