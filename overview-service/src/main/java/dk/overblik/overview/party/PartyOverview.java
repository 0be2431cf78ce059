package dk.overblik.overview.party;

import java.util.List;
import java.util.Map;

/**
 * The party's cases the caller may see, newest activity first; {@code facets} count them by
 * source system, KLE main group and progress; {@code hiddenCount} is how many more of the
 * party's cases the municipality holds that the caller may not see (a number only).
 */
public record PartyOverview(String party, List<CaseView> cases, long total, long hiddenCount, Map<String, Map<String, Long>> facets) {
}
