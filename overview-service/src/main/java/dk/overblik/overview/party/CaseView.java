package dk.overblik.overview.party;

import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.util.UUID;

/** A case as the overview shows it. */
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
        UUID primaryCaseworker,
        Instant openedAt,
        Instant closedAt,
        Instant lastActivityAt,
        String deepLink) {

    static CaseView of(IndexedCase c) {
        return new CaseView(c.id(), c.sourceSystem(), c.caseNumber(), c.title(), c.kle(), c.progress(), c.sourceStatus(),
                c.sensitivity(), c.responsibleUnit(), c.primaryCaseworker(), c.openedAt(), c.closedAt(), c.lastActivityAt(),
                c.deepLink());
    }
}
