package dk.overblik.overview.casedetail;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.record.DocumentType;
import dk.overblik.contracts.value.Sensitivity;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A document as the case view lists it. */
public record DocumentView(UUID id, String sourceSystem, String documentNumber, String title, DocumentType type,
                           LocalDate letterDate, Sensitivity sensitivity, List<UUID> caseIds, String deepLink) {

    /**
     * {@code caseIds} lists only the document's cases the caller may see: a document found through
     * one visible case must not tell that it also belongs to a case hidden from the caller. The
     * document itself was found by the access filter in OpenSearch; this only leaves out links.
     */
    static DocumentView of(IndexedDocument d, Optional<EffectiveAccess> access) {
        List<UUID> visibleCases = access.map(a -> d.cases().stream().filter(c -> c.visibleTo(a, d.tenant()))
                .map(IndexedDocument.CaseAccess::caseId).toList()).orElse(List.of());
        return new DocumentView(d.id(), d.sourceSystem(), d.documentNumber(), d.title(), d.type(), d.letterDate(), d.sensitivity(),
                visibleCases, d.deepLink());
    }
}
