package dk.overblik.indexer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * A record's id in a municipality belongs to the source system that indexed it (its tombstone
 * too): another vendor system may not overwrite or delete it, even knowing the id. Checked against
 * the index in real time before anything is published. A record still on its way into the index
 * (about a second) is not protected yet; on Kafka, the topic's access control is the boundary.
 */
@ApplicationScoped
class RecordOwnership {
    private final OpenSearchJson openSearch;

    RecordOwnership(OpenSearchJson openSearch) {
        this.openSearch = openSearch;
    }

    /** Fails with 403 when any of {@code records} (in order; paths {@code [i]} in a batch) is another source system's. */
    Uni<Void> require(RecordKind kind, List<RecordKind.Fields> records, boolean batch) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        records.forEach(r -> ids.add(kind.indexId(r.tenant(), r.id())));
        return openSearch.post("/" + kind.readAlias() + "/_mget?_source_includes=" + kind.sourceSystemField(), Json.toBytes(body))
                .onFailure(OpenSearchJson.Failure::isMissingIndex).recoverWithItem(() -> Json.mapper().createObjectNode())
                .invoke(response -> {
                    List<String> foreign = new ArrayList<>();
                    JsonNode docs = response.path("docs");
                    if (response.has("docs") && docs.size() != records.size()) {
                        throw new OpenSearchJson.Failure(503, "{\"error\": {\"type\": \"mget_answer_incomplete\"}}");
                    }
                    for (int i = 0; i < docs.size(); i++) {
                        JsonNode doc = docs.get(i);
                        // A shard that cannot answer (the cluster red) is no "not found": fail closed, retryable.
                        if (doc.has("error") && !"index_not_found_exception".equals(doc.path("error").path("type").asText())) {
                            throw new OpenSearchJson.Failure(503, doc.toString());
                        }
                        String owner = doc.path("_source").path(kind.sourceSystemField()).asText(null);
                        if (doc.path("found").asBoolean() && owner != null && !owner.equals(records.get(i).sourceSystem())) {
                            foreign.add(batch ? "[" + i + "]" : "the " + kind.noun());
                        }
                    }
                    if (!foreign.isEmpty()) {
                        throw new ProblemException(403, "another-source-systems-record", "Another source system's record",
                                (batch ? "Records " + String.join(", ", foreign) + " have ids" : capitalised(foreign.get(0)) + " has an id")
                                        + " of records another source system indexed in the municipality; a source system writes and"
                                        + " deletes only its own. Nothing was accepted.");
                    }
                })
                .replaceWithVoid();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
