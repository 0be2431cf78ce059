package dk.overblik.contracts.index;

import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case as it stands in the index: the record plus the fields access filters use as plain
 * terms ({@code kleScope}: the subject with its group and main group; {@code partyRefs};
 * {@code sensitivityLevel}). A deleted case stays as a versioned tombstone ({@code deleted}),
 * so that a late, older upsert cannot bring it back; every query excludes tombstones.
 */
public record IndexedCase(
        UUID id,
        String tenant,
        String sourceSystem,
        String caseNumber,
        String title,
        String titleAlternative,
        String description,
        Kle kle,
        List<String> kleScope,
        Progress progress,
        String sourceStatus,
        Sensitivity sensitivity,
        Integer sensitivityLevel,
        List<Party> parties,
        List<String> partyRefs,
        UUID responsibleUnit,
        UUID primaryCaseworker,
        Instant openedAt,
        Instant closedAt,
        Instant registeredAt,
        Instant lastActivityAt,
        String deepLink,
        boolean deleted) {

    public static IndexedCase of(CaseRecord c) {
        return new IndexedCase(c.id(), c.tenant(), c.sourceSystem(), c.caseNumber(), c.title(), c.titleAlternative(),
                c.description(), c.kle(), c.kle().subjectWithAncestors(), c.progress(), c.sourceStatus(), c.sensitivity(),
                c.sensitivity().level(), c.parties(), c.parties().stream().map(p -> p.ref().urn()).distinct().toList(),
                c.responsibleUnit(), c.primaryCaseworker(), c.openedAt(), c.closedAt(), c.registeredAt(),
                c.registeredAt(), c.deepLink(), false);
    }

    public static IndexedCase tombstone(Deletion d) {
        return new IndexedCase(d.id(), d.tenant(), d.sourceSystem(), null, null, null, null, null, List.of(), null, null,
                null, null, List.of(), List.of(), null, null, null, null, d.registeredAt(), d.registeredAt(), null, true);
    }

    /** Document id in the index: unique per municipality, free of personal data. */
    public static String documentId(String tenant, UUID id) {
        return tenant + ":" + id;
    }
}
