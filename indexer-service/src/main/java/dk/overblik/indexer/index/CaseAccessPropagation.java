package dk.overblik.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import dk.overblik.contracts.index.Queries;
import dk.overblik.contracts.json.Json;
import dk.overblik.indexer.quality.QualityRecorder;
import dk.overblik.indexer.quality.QualityWarning;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Documents carry the access fields of their cases; this keeps them current. After a batch of
 * cases is written, the documents of those cases are found with one search (paged) and each
 * document that holds an older version of one of them gets the new fields in a bulk of guarded
 * scripted updates, with only its own cases' fields. The documents index is refreshed first, so
 * that a document written just before is found; a document written just after re-reads its cases
 * itself (see {@link DocumentIndexer}). Between the two, no document keeps stale access fields.
 *
 * <p>A document takes access fields only from cases of its own source system: a vendor system
 * cannot attach its documents to another system's cases (the overview lists a case's documents by
 * the same rule, see {@code AccessQueries.documentsOfVisibleCases}). Its entry for a case of another
 * system is unknown, which no one sees through, as of that case's version. The update script
 * applies the rule against the document as it stands ({@link AccessScripts}), so a document that
 * changes source system meanwhile, or holds fields taken before the rule, is set right.
 *
 * <p>Not an update-by-query: that sent every case's fields to every document and cost OpenSearch
 * a task, a scroll and the parsing of all of it per batch, also when no document matched, which is
 * the usual case for a new case (measured: about 7 ms of OpenSearch CPU per batch of 500 cases
 * against about 3 for the search).
 */
@ApplicationScoped
public class CaseAccessPropagation {
    /** What a page of the search returns: the documents' ids, tenants and case versions. */
    private static final String PAGE_FIELDS = "?filter_path=hits.hits._id,hits.hits._source,hits.hits.sort";

    private final OpenSearchJson openSearch;
    private final IndexSetup setup;
    private final BulkWriter bulk;
    private final QualityRecorder quality;
    private final int pageSize;

    public CaseAccessPropagation(OpenSearchJson openSearch, IndexSetup setup, BulkWriter bulk, QualityRecorder quality,
                                 IndexerConfig config) {
        this.openSearch = openSearch;
        this.setup = setup;
        this.bulk = bulk;
        this.quality = quality;
        this.pageSize = config.propagationPageSize();
    }

    /** A case's access fields and the source system the case belongs to. */
    public record CurrentCase(String sourceSystem, CaseAccess access) {
        public static CurrentCase of(IndexedCase c) {
            return new CurrentCase(c.sourceSystem(), CaseAccess.of(c));
        }

        /**
         * The entry a document of {@code documentSource} gets from {@code current} (null: the case is
         * not there): its access fields if the case is of the same source system, else an unknown
         * entry as of the case's version (so that it replaces fields an older entry may hold).
         */
        public static CaseAccess forDocument(CurrentCase current, String documentSource, UUID caseId) {
            if (current == null) {
                return CaseAccess.unknown(caseId);
            }
            return ofAnotherSystem(current, documentSource) ? current.access().withoutAccess() : current.access();
        }

        /** The case is there and belongs to another source system than a document of {@code documentSource}. */
        public static boolean ofAnotherSystem(CurrentCase current, String documentSource) {
            return current != null && !current.sourceSystem().equals(documentSource);
        }
    }

    /** The newest access fields of each written case, keyed {@code <tenant>:<caseId>}. */
    public static Map<String, CurrentCase> accessOf(Collection<IndexedCase> written) {
        Map<String, CurrentCase> newest = new LinkedHashMap<>();
        for (IndexedCase c : written) {
            newest.merge(IndexedCase.documentId(c.tenant(), c.id()), CurrentCase.of(c),
                    (a, b) -> a.access().caseVersion() >= b.access().caseVersion() ? a : b);
        }
        return newest;
    }

    public Uni<Void> casesWritten(Collection<IndexedCase> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, CurrentCase> updates = accessOf(written);
        ObjectNode query = documentsOf(updates);
        return setup.ensure(DocumentIndex.DEFINITION)
                .chain(() -> openSearch.post("/" + DocumentIndex.WRITE_ALIAS + "/_refresh", null))
                .chain(() -> page(updates, query, null));
    }

    /** One page of the cases' documents, sorted by a unique key so {@code search_after} pages hold. */
    private Uni<Void> page(Map<String, CurrentCase> updates, ObjectNode query, JsonNode after) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", pageSize);
        body.put("track_total_hits", false);
        body.putArray("_source").add(DocumentIndex.TENANT).add(DocumentIndex.SOURCE_SYSTEM).add(DocumentIndex.CASES_CASE_ID)
                .add(DocumentIndex.CASES_CASE_VERSION);
        body.set("query", query);
        body.putArray("sort").add("id").add(DocumentIndex.TENANT);
        if (after != null) {
            body.set("search_after", after);
        }
        return openSearch.post("/" + DocumentIndex.WRITE_ALIAS + "/_search" + PAGE_FIELDS, Json.toBytes(body))
                .chain(response -> {
                    JsonNode hits = response.path("hits").path("hits");
                    Map<String, Map<String, CurrentCase>> newerByDocument = new LinkedHashMap<>();
                    Map<String, ForeignLinks> firstSeenForeign = new HashMap<>();
                    for (JsonNode hit : hits) {
                        JsonNode source = hit.path("_source");
                        List<HeldCase> held = new ArrayList<>();
                        source.path(DocumentIndex.CASES).forEach(entry ->
                                held.add(new HeldCase(entry.path("caseId").asText(), entry.path("caseVersion").asLong(-1))));
                        String documentId = hit.path("_id").asText();
                        DocumentSource document = new DocumentSource(source.path(DocumentIndex.TENANT).asText(),
                                source.path(DocumentIndex.SOURCE_SYSTEM).asText());
                        Map<String, CurrentCase> newer = newerThanHeld(document.tenant(), held, updates);
                        newerByDocument.put(documentId, newer);
                        int links = firstSeenOfAnotherSystem(document, held, newer);
                        if (links > 0) {
                            firstSeenForeign.put(documentId, new ForeignLinks(document, links));
                        }
                    }
                    // Counted for the documents this update changed: a replay, or a second instance at the same
                    // versions, finds them changed already (a no-op), and a step that fails is repeated.
                    Uni<Void> written = bringUpToDate(newerByDocument).invoke(updated -> firstSeenForeign.forEach((id, foreign) -> {
                        if (updated.contains(id)) {
                            quality.warned(foreign.document().tenant(), foreign.document().sourceSystem(),
                                    QualityWarning.CASE_OF_ANOTHER_SOURCE_SYSTEM, foreign.links());
                        }
                    })).replaceWithVoid();
                    return hits.size() < pageSize ? written
                            : written.chain(() -> page(updates, query, hits.get(hits.size() - 1).path("sort")));
                });
    }

    /** A case a document holds the access fields of, and the version of the case they come from (-1: never seen). */
    record HeldCase(String caseId, long version) {
    }

    /** The municipality and source system of a document the propagation found. */
    record DocumentSource(String tenant, String sourceSystem) {
    }

    /** A document's links to cases of another source system that it sees for the first time. */
    private record ForeignLinks(DocumentSource document, int links) {
    }

    /**
     * Of the cases of another source system the document gets, those it sees for the first time:
     * it was registered before they arrived, and its write could not report those links; the
     * write reports the links to cases that were there ({@link DocumentIndexer}).
     */
    static int firstSeenOfAnotherSystem(DocumentSource document, List<HeldCase> held, Map<String, CurrentCase> newer) {
        return (int) held.stream().filter(h -> h.version() < 0
                && CurrentCase.ofAnotherSystem(newer.get(document.tenant() + ":" + h.caseId()), document.sourceSystem())).count();
    }

    /**
     * Of {@code current} (cases keyed {@code <tenant>:<caseId>}), those a document of {@code tenant}
     * lacks: of its own cases, and newer than the version it holds. Cases of another source system
     * are among them; the update script gives the document nothing of those but their version.
     */
    static Map<String, CurrentCase> newerThanHeld(String tenant, List<HeldCase> held, Map<String, CurrentCase> current) {
        Map<String, CurrentCase> newer = new LinkedHashMap<>();
        for (HeldCase h : held) {
            String key = tenant + ":" + h.caseId();
            CurrentCase update = current.get(key);
            if (update != null && update.access().caseVersion() > h.version()) {
                newer.put(key, update);
            }
        }
        return newer;
    }

    /**
     * Gives each document (by id) the newer case fields it lacks, in one bulk of guarded scripted
     * updates; documents that lack nothing are left alone. A document gone since it was read has
     * nothing left to keep current; any other refusal fails the batch, so it is not committed.
     * Gives the ids of the documents the update changed (not those that had the fields already).
     */
    Uni<Set<String>> bringUpToDate(Map<String, Map<String, CurrentCase>> newerByDocument) {
        List<String> documentIds = new ArrayList<>();
        List<BulkWriter.Operation> operations = new ArrayList<>();
        newerByDocument.forEach((documentId, newer) -> {
            if (!newer.isEmpty()) {
                documentIds.add(documentId);
                operations.add(BulkWriter.Operation.scriptedUpdate(DocumentIndex.WRITE_ALIAS, documentId,
                        AccessScripts.applyCaseAccess(newer)));
            }
        });
        if (operations.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return bulk.write("document-access", operations).map(results -> {
            Set<String> updated = new HashSet<>();
            for (int i = 0; i < results.size(); i++) {
                BulkWriter.Result result = results.get(i);
                if (result.outcome() == BulkWriter.Outcome.REJECTED && !result.missingDocument()) {
                    throw new IllegalStateException("OpenSearch refused a document's case access: " + result.reason());
                }
                if (result.outcome() == BulkWriter.Outcome.WRITTEN) {
                    updated.add(documentIds.get(i));
                }
            }
            return updated;
        });
    }

    /** Live documents of any of the cases ({@code <tenant>:<caseId>} keys): a terms filter on their flat case ids per tenant. */
    private static ObjectNode documentsOf(Map<String, CurrentCase> updates) {
        Map<String, List<String>> idsByTenant = new HashMap<>();
        updates.keySet().forEach(key -> {
            int colon = key.indexOf(':');
            idsByTenant.computeIfAbsent(key.substring(0, colon), t -> new ArrayList<>()).add(key.substring(colon + 1));
        });
        List<ObjectNode> ofTenants = new ArrayList<>();
        idsByTenant.forEach((tenant, ids) -> ofTenants.add(Queries.bool(List.of(Queries.term(DocumentIndex.TENANT, tenant),
                Queries.terms(DocumentIndex.CASE_IDS, ids)))));
        return Queries.anyOf(ofTenants);
    }

    /** The current access fields of cases, read in real time from the case index ({@code <tenant>:<caseId>} keys). */
    public Uni<Map<String, CurrentCase>> currentAccess(Collection<String> caseKeys) {
        if (caseKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        caseKeys.forEach(ids::add);
        return setup.ensure(CaseIndex.DEFINITION)
                .chain(() -> openSearch.post("/" + CaseIndex.READ_ALIAS + "/_mget", Json.toBytes(body)))
                .map(response -> {
                    Map<String, CurrentCase> found = new HashMap<>();
                    for (JsonNode doc : response.path("docs")) {
                        if (doc.path("found").asBoolean()) {
                            IndexedCase c = Json.mapper().convertValue(doc.path("_source"), IndexedCase.class);
                            found.put(doc.path("_id").asText(), CurrentCase.of(c));
                        }
                    }
                    return found;
                });
    }
}
