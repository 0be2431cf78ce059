package dk.overblik.overview.party;

/** The person or company to look up, as a URN; in the body, never in the URL (it may be a CPR number). */
public record PartyOverviewRequest(String party) {
}
