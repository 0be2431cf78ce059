package dk.overblik.overview.casedetail;

import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.record.DocumentType;
import dk.overblik.contracts.value.Sensitivity;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A document as the case view lists it. */
public record DocumentView(UUID id, String sourceSystem, String documentNumber, String title, DocumentType type,
                           LocalDate letterDate, Sensitivity sensitivity, List<UUID> caseIds, String deepLink) {

    static DocumentView of(IndexedDocument d) {
        return new DocumentView(d.id(), d.sourceSystem(), d.documentNumber(), d.title(), d.type(), d.letterDate(), d.sensitivity(),
                d.caseIds(), d.deepLink());
    }
}
