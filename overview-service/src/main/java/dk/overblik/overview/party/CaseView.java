package dk.overblik.overview.party;

import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.util.UUID;

/**
 * A case as the overview shows it. {@code documentCount} is the number of its documents the
 * caller may see (absent for call-centre staff, who see no documents).
 */
public record CaseView(
        UUID id,
        String sourceSystem,
        String caseNumber,
        String title,
        Kle kle,
        Progress progress,
        String sourceStatus,
        Sensitivity sensitivity,
        UUID responsibleUnit,
        String responsibleUnitName,
        UUID primaryCaseworker,
        String primaryCaseworkerName,
        Instant openedAt,
        Instant closedAt,
        Instant lastActivityAt,
        String deepLink,
        Long documentCount) {

    static CaseView of(IndexedCase c, String title, String unitName, String caseworkerName, Long documentCount) {
        return new CaseView(c.id(), c.sourceSystem(), c.caseNumber(), title, c.kle(), c.progress(), c.sourceStatus(),
                c.sensitivity(), c.responsibleUnit(), unitName, c.primaryCaseworker(), caseworkerName, c.openedAt(), c.closedAt(),
                c.lastActivityAt(), c.deepLink(), documentCount);
    }
}
