package dk.overblik.contracts.record;

import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A document (SF1470 Dokument) on one or more cases. Public ingest contract, like {@link CaseRecord}. */
public record DocumentRecord(
        UUID id,
        String tenant,
        String sourceSystem,
        List<UUID> caseIds,
        String documentNumber,
        String title,
        DocumentType type,
        LocalDate letterDate,
        Sensitivity sensitivity,
        List<Party> parties,
        Instant registeredAt,
        String deepLink) {

    public DocumentRecord {
        caseIds = List.copyOf(caseIds);
        parties = List.copyOf(parties);
    }

    public String key() {
        return RecordKey.of(tenant, id);
    }

    public long version() {
        return RegistrationVersion.of(registeredAt);
    }
}
