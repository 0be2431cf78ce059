package dk.overblik.contracts.record;

import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case (SF1470 Sag) as its source system registered it. The JSON form of this record is the
 * public ingest contract for vendor systems: the names are fixed. Build instances from
 * untrusted JSON with {@link dk.overblik.contracts.validation.RecordReader}, which checks every rule.
 */
public record CaseRecord(
        UUID id,
        String tenant,
        String sourceSystem,
        String caseNumber,
        String title,
        String titleAlternative,
        String description,
        Kle kle,
        Progress progress,
        String sourceStatus,
        Sensitivity sensitivity,
        List<Party> parties,
        UUID responsibleUnit,
        UUID primaryCaseworker,
        Instant openedAt,
        Instant closedAt,
        Instant registeredAt,
        String deepLink) {

    public CaseRecord {
        parties = List.copyOf(parties);
    }

    public String key() {
        return RecordKey.of(tenant, id);
    }

    public long version() {
        return RegistrationVersion.of(registeredAt);
    }
}
