package dk.overblik.indexer.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data quality per source system and municipality. A municipality's admin sees its own rows; a
 * vendor system sees the rows of its source system in the municipalities it serves.
 */
@Path("/api/v1/ingest/quality")
@RolesAllowed({Roles.ADMIN, Roles.VENDOR_SYSTEM})
public class QualityResource {
    private final QualityRecorder recorder;
    private final OpenSearchJson openSearch;
    private final IndexSetup setup;
    private final CurrentCaller caller;

    public QualityResource(QualityRecorder recorder, OpenSearchJson openSearch, IndexSetup setup, CurrentCaller caller) {
        this.recorder = recorder;
        this.openSearch = openSearch;
        this.setup = setup;
        this.caller = caller;
    }

    /** One row of the report. */
    public record Row(String tenant, String sourceSystem, long accepted, long rejected, Map<String, Long> rejectedByReason,
                      long deadLettered, Map<String, Long> deadLetteredByReason, long warned, Map<String, Long> warnedByReason,
                      Instant lastAcceptedAt, Instant lastRejectedAt, Instant lastDeadLetteredAt, Instant lastWarnedAt) {
        public Row {
            // A row written before a kind of count existed, or that never had one, lacks its reasons.
            rejectedByReason = rejectedByReason == null ? Map.of() : rejectedByReason;
            deadLetteredByReason = deadLetteredByReason == null ? Map.of() : deadLetteredByReason;
            warnedByReason = warnedByReason == null ? Map.of() : warnedByReason;
        }
    }

    public record Report(Instant generatedAt, List<Row> rows) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Records accepted, refused by reason, dead-lettered by reason and accepted with warnings by reason,"
            + " per source system and municipality")
    public Uni<Report> report() {
        Caller who = caller.get();
        ObjectNode query = Json.mapper().createObjectNode();
        query.put("size", 1000);
        ArrayNode filter = query.putObject("query").putObject("bool").putArray("filter");
        if (who.hasRole(Roles.VENDOR_SYSTEM) && who.sourceSystem() != null) {
            filter.addObject().putObject("term").put("sourceSystem", who.sourceSystem());
            ArrayNode tenants = filter.addObject().putObject("terms").putArray("tenant");
            who.municipalities().forEach(tenants::add);
        } else if (who.municipality() != null) {
            filter.addObject().putObject("term").put("tenant", who.municipality());
        } else {
            throw new ProblemException(403, "no-municipality", "No municipality in the token",
                    "The token names neither a municipality nor a source system.");
        }
        query.putArray("sort").add("tenant").add("sourceSystem");
        return recorder.flush()
                .chain(() -> setup.ensure(QualityRecorder.INDEX))
                .chain(() -> openSearch.post("/" + QualityRecorder.INDEX.readAlias() + "/_refresh", null))
                .chain(() -> openSearch.post("/" + QualityRecorder.INDEX.readAlias() + "/_search?typed_keys=false", Json.toBytes(query)))
                .map(response -> {
                    List<Row> rows = new ArrayList<>();
                    for (JsonNode hit : response.path("hits").path("hits")) {
                        rows.add(Json.mapper().convertValue(hit.path("_source"), Row.class));
                    }
                    return new Report(Instant.now(), rows);
                });
    }
}
