package dk.overblik.indexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Documents carry the access fields of their cases; this keeps them current. After a batch of
 * cases is written, every document of those cases takes the new fields (one update-by-query per
 * batch, guarded by case version). The documents index is refreshed first, so that a document
 * written just before is found; a document written just after re-reads its cases itself (see
 * {@link DocumentIndexer}). Between the two, no document keeps stale access fields.
 */
@ApplicationScoped
public class CaseAccessPropagation {
    private static final Logger LOG = Logger.getLogger(CaseAccessPropagation.class);
    private static final int MAX_ROUNDS = 10;

    private final OpenSearchJson openSearch;
    private final IndexSetup setup;

    public CaseAccessPropagation(OpenSearchJson openSearch, IndexSetup setup) {
        this.openSearch = openSearch;
        this.setup = setup;
    }

    /** The newest access fields of each written case, keyed {@code <tenant>:<caseId>}. */
    public static Map<String, CaseAccess> accessOf(Collection<IndexedCase> written) {
        Map<String, CaseAccess> newest = new LinkedHashMap<>();
        for (IndexedCase c : written) {
            newest.merge(IndexedCase.documentId(c.tenant(), c.id()), CaseAccess.of(c),
                    (a, b) -> a.caseVersion() >= b.caseVersion() ? a : b);
        }
        return newest;
    }

    public Uni<Void> casesWritten(Collection<IndexedCase> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, CaseAccess> updates = accessOf(written);
        return setup.ensure(DocumentIndex.DEFINITION)
                .chain(() -> openSearch.post("/" + DocumentIndex.WRITE_ALIAS + "/_refresh", null))
                .chain(() -> apply(updates, 1));
    }

    private Uni<Void> apply(Map<String, CaseAccess> updates, int round) {
        return openSearch.post("/" + DocumentIndex.WRITE_ALIAS + "/_update_by_query?conflicts=proceed&refresh=false",
                        Json.toBytes(request(updates)))
                .chain(response -> {
                    long conflicts = response.path("version_conflicts").asLong();
                    if (conflicts == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    if (round >= MAX_ROUNDS) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "Documents kept changing while their cases' access was applied (" + conflicts + " conflicts)"));
                    }
                    // A document changed under us; the guarded script makes another round safe.
                    LOG.debugf("%d documents changed during access propagation; round %d", conflicts, round + 1);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50L * round))
                            .chain(() -> apply(updates, round + 1));
                });
    }

    private static ObjectNode request(Map<String, CaseAccess> updates) {
        ObjectNode body = Json.mapper().createObjectNode();
        Map<String, ArrayNode> idsByTenant = new HashMap<>();
        updates.keySet().forEach(key -> {
            int colon = key.indexOf(':');
            idsByTenant.computeIfAbsent(key.substring(0, colon), t -> Json.mapper().createArrayNode()).add(key.substring(colon + 1));
        });
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.put("minimum_should_match", 1);
        ArrayNode should = bool.putArray("should");
        idsByTenant.forEach((tenant, ids) -> {
            ArrayNode filter = should.addObject().putObject("bool").putArray("filter");
            filter.addObject().putObject("term").put(DocumentIndex.TENANT, tenant);
            ObjectNode nested = filter.addObject().putObject("nested");
            nested.put("path", DocumentIndex.CASES);
            nested.putObject("query").putObject("terms").set(DocumentIndex.CASES_CASE_ID, ids);
        });
        ObjectNode script = body.putObject("script");
        script.put("lang", "painless");
        script.put("source", AccessScripts.APPLY_CASE_ACCESS);
        script.putObject("params").set("updates", Json.mapper().valueToTree(updates));
        return body;
    }

    /** The current access fields of cases, read in real time from the case index ({@code <tenant>:<caseId>} keys). */
    public Uni<Map<String, CaseAccess>> currentAccess(Collection<String> caseKeys) {
        if (caseKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        caseKeys.forEach(ids::add);
        return setup.ensure(CaseIndex.DEFINITION)
                .chain(() -> openSearch.post("/" + CaseIndex.READ_ALIAS + "/_mget", Json.toBytes(body)))
                .map(response -> {
                    Map<String, CaseAccess> found = new HashMap<>();
                    for (JsonNode doc : response.path("docs")) {
                        if (doc.path("found").asBoolean()) {
                            IndexedCase c = Json.mapper().convertValue(doc.path("_source"), IndexedCase.class);
                            found.put(doc.path("_id").asText(), CaseAccess.of(c));
                        }
                    }
                    return found;
                });
    }
}
