package dk.overblik.overview.casedetail;

import dk.overblik.overview.party.CaseView;

import java.util.List;

/** One visible case and a page of its visible documents (none for call-centre staff). */
public record CaseDetail(CaseView caseView, List<DocumentView> documents, long documentTotal, int page, int size) {
}
