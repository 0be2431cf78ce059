package dk.overblik.advis.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.advis.rules.Rule;
import dk.overblik.advis.rules.RuleCondition;
import dk.overblik.advis.triggers.TriggerEvent;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.OpenSearchJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dk.overblik.contracts.index.Queries.atMost;
import static dk.overblik.contracts.index.Queries.bool;
import static dk.overblik.contracts.index.Queries.term;
import static dk.overblik.contracts.index.Queries.terms;

/**
 * Finds the cases a rule applies to for a trigger event, in the index (never a copy of it): the
 * municipality's live cases of the event's parties that meet the rule's condition, minus the case
 * that triggered it. Many events and rules are asked at once, in multi-searches.
 */
@ApplicationScoped
public class CaseMatcher {
    private static final Logger LOG = Logger.getLogger(CaseMatcher.class);
    /** More open cases than this for one citizen and one rule would be a data error; the first ones get alerts. */
    static final int MAX_CASES = 1_000;
    /** Searches per multi-search request. */
    static final int PER_REQUEST = 100;

    private final OpenSearchJson openSearch;

    public CaseMatcher(OpenSearchJson openSearch) {
        this.openSearch = openSearch;
    }

    /** One question: the cases one rule applies to for one event. */
    public record Search(TriggerEvent event, Rule rule) {
    }

    /** The matching cases of every search, in the same order, asked in one multi-search per {@value #PER_REQUEST}. */
    public Uni<List<List<IndexedCase>>> matching(List<Search> searches) {
        if (searches.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<Search>> chunks = new ArrayList<>();
        for (int i = 0; i < searches.size(); i += PER_REQUEST) {
            chunks.add(searches.subList(i, Math.min(searches.size(), i + PER_REQUEST)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(this::multiSearch)
                .collect().in(ArrayList<List<IndexedCase>>::new, List::addAll)
                .map(all -> (List<List<IndexedCase>>) all);
    }

    private Uni<List<List<IndexedCase>>> multiSearch(List<Search> searches) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] header = ("{\"index\":\"" + CaseIndex.READ_ALIAS + "\"}\n").getBytes(StandardCharsets.UTF_8);
        for (Search search : searches) {
            ObjectNode request = Json.mapper().createObjectNode();
            request.put("size", MAX_CASES).put("track_total_hits", true);
            request.set("query", query(search.event(), search.rule().condition()));
            request.putArray("sort").addObject().put("id", "asc");
            body.writeBytes(header);
            body.writeBytes(Json.toBytes(request));
            body.write('\n');
        }
        return openSearch.ndjson("/_msearch", body.toByteArray())
                .map(response -> {
                    List<List<IndexedCase>> results = new ArrayList<>();
                    JsonNode responses = response.path("responses");
                    for (int i = 0; i < searches.size(); i++) {
                        results.add(cases(searches.get(i).event(), responses.path(i)));
                    }
                    return results;
                });
    }

    private static List<IndexedCase> cases(TriggerEvent event, JsonNode response) {
        if (response.has("error")) {
            int status = response.path("status").asInt(500);
            if (status == 404) {
                return List.of(); // no index yet: no cases
            }
            throw new OpenSearchJson.Failure(status, response.toString()); // the item holds {"error": {"type": ...}}
        }
        List<IndexedCase> cases = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            cases.add(Json.mapper().convertValue(hit.path("_source"), IndexedCase.class));
        }
        long total = response.path("hits").path("total").path("value").asLong();
        if (total > cases.size()) {
            LOG.warnf("Event %s matches %d cases in %s; alerts for the first %d only", event.eventId(), total, event.tenant(),
                    cases.size());
        }
        return cases;
    }

    static ObjectNode query(TriggerEvent event, RuleCondition condition) {
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(term(CaseIndex.TENANT, event.tenant()));
        filters.add(terms(CaseIndex.PARTY_REFS, event.parties()));
        filters.add(term(CaseIndex.DELETED, false));
        if (!condition.kleScope().isEmpty()) {
            filters.add(terms(CaseIndex.KLE_SCOPE, condition.kleScope()));
        }
        if (!condition.progress().isEmpty()) {
            filters.add(terms("progress", condition.progress().stream().map(Enum::name).toList()));
        }
        if (!condition.sourceSystems().isEmpty()) {
            filters.add(terms("sourceSystem", condition.sourceSystems()));
        }
        if (condition.maxSensitivity() != null) {
            filters.add(atMost(CaseIndex.SENSITIVITY_LEVEL, condition.maxSensitivity()));
        }
        List<ObjectNode> excluded = new ArrayList<>();
        TriggerEvent.TriggerCase trigger = event.triggerCase();
        if (trigger != null) {
            excluded.add(term("id", trigger.id().toString()));
            if (condition.otherSourceSystem()) {
                excluded.add(term("sourceSystem", trigger.sourceSystem()));
            }
        }
        return bool(filters, excluded);
    }
}
