package dk.overblik.contracts.index;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.record.DocumentType;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A document as it stands in the index: the record, its registration version, and for each of
 * its cases that case's access fields ({@link CaseAccess}). A case the index does not (yet) hold is
 * an entry with {@code known = false}, which no one may see through; it fills in when the case
 * arrives. A deleted document stays as a versioned tombstone.
 */
public record IndexedDocument(
        UUID id,
        String tenant,
        String sourceSystem,
        List<UUID> caseIds,
        String documentNumber,
        String title,
        DocumentType type,
        LocalDate letterDate,
        Sensitivity sensitivity,
        Integer sensitivityLevel,
        List<Party> parties,
        List<String> partyRefs,
        Instant registeredAt,
        long registrationVersion,
        String deepLink,
        boolean deleted,
        List<CaseAccess> cases) {

    /**
     * The access fields of one case of the document, as of case version {@code caseVersion}
     * (-1 when unknown). {@code known} is false while the case is missing or deleted.
     */
    public record CaseAccess(UUID caseId, boolean known, long caseVersion, List<String> kleScope, UUID responsibleUnit,
                             Integer sensitivityLevel) {

        public static CaseAccess unknown(UUID caseId) {
            return new CaseAccess(caseId, false, -1, List.of(), null, null);
        }

        /** This case's entry without its access fields: nobody sees through it (a case that gives the document nothing). */
        public CaseAccess withoutAccess() {
            return new CaseAccess(caseId, false, caseVersion, List.of(), null, null);
        }

        public static CaseAccess of(IndexedCase c) {
            long version = RegistrationVersion.of(c.registeredAt());
            return c.deleted()
                    ? new CaseAccess(c.id(), false, version, List.of(), null, null)
                    : new CaseAccess(c.id(), true, version, c.kleScope(), c.responsibleUnit(), c.sensitivityLevel());
        }

        /**
         * Whether {@code access} may see this case of a document of {@code tenant} (DESIGN section 4,
         * as {@link EffectiveAccess#sees}); a missing or deleted case is seen by nobody. The KLE
         * subject is the deepest entry of {@code kleScope}, which lists it with its ancestors.
         */
        public boolean visibleTo(EffectiveAccess access, String tenant) {
            return known && sensitivityLevel != null && !kleScope.isEmpty()
                    && access.sees(tenant, kleScope.get(kleScope.size() - 1), sensitivityLevel, responsibleUnit);
        }
    }

    public static IndexedDocument of(DocumentRecord d, List<CaseAccess> cases) {
        return new IndexedDocument(d.id(), d.tenant(), d.sourceSystem(), d.caseIds(), d.documentNumber(), d.title(), d.type(),
                d.letterDate(), d.sensitivity(), d.sensitivity().level(), d.parties(),
                d.parties().stream().map(p -> p.ref().urn()).distinct().toList(), d.registeredAt(), d.version(), d.deepLink(),
                false, cases);
    }

    public static IndexedDocument tombstone(Deletion d) {
        return new IndexedDocument(d.id(), d.tenant(), d.sourceSystem(), List.of(), null, null, null, null, null, null, List.of(),
                List.of(), d.registeredAt(), d.version(), null, true, List.of());
    }

    public static String documentId(String tenant, UUID id) {
        return tenant + ":" + id;
    }
}
