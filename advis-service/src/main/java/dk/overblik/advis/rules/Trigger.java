package dk.overblik.advis.rules;

import dk.overblik.contracts.party.PartyEvent;

import java.util.Optional;

/** What starts a rule: a party event seen from one municipality, or a change to a case in any source system. */
public enum Trigger {
    MOVED_OUT(Source.PARTY_EVENT),
    MOVED_IN(Source.PARTY_EVENT),
    MOVED_WITHIN(Source.PARTY_EVENT),
    DIED(Source.PARTY_EVENT),
    ADDRESS_PROTECTION_CHANGED(Source.PARTY_EVENT),
    CASE_OPENED(Source.CASE_EVENT),
    CASE_CLOSED(Source.CASE_EVENT),
    CASE_PROGRESS_CHANGED(Source.CASE_EVENT);

    public enum Source { PARTY_EVENT, CASE_EVENT }

    private final Source source;

    Trigger(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }

    /** What a party event means to the municipality with this code, if anything (a move elsewhere to elsewhere means nothing). */
    public static Optional<Trigger> of(PartyEvent event, String municipalityCode) {
        return switch (event.type()) {
            case DIED -> Optional.of(DIED);
            case ADDRESS_PROTECTION_CHANGED -> Optional.of(ADDRESS_PROTECTION_CHANGED);
            case MOVED -> event.movedOutOf(municipalityCode) ? Optional.of(MOVED_OUT)
                    : event.movedInto(municipalityCode) ? Optional.of(MOVED_IN)
                    : event.movedWithin(municipalityCode) ? Optional.of(MOVED_WITHIN)
                    : Optional.empty();
        };
    }
}
