package dk.overblik.overview.party;

import java.util.List;

/** The party's cases the caller may see, newest activity first. */
public record PartyOverview(String party, List<CaseView> cases, long total, long hiddenCount) {
}
