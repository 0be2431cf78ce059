package dk.overblik.service.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain JSON (and NDJSON) requests to OpenSearch, for the calls where the typed client gets in
 * the way: bulk bodies with scripted upserts, update-by-query, mget. Non-2xx answers fail with
 * {@link Failure}, which says whether retrying can help.
 */
@ApplicationScoped
public class OpenSearchJson {
    /** Where OpenSearch's error reason names a field: mapping and immense-term errors. */
    private static final Pattern ERROR_FIELD = Pattern.compile("(?:failed to parse field \\[|in field=\")([A-Za-z0-9_.]{1,100})[\\]\"]");

    private final OpenSearchGenericClient client;

    public OpenSearchJson(OpenSearchGenericClient client) {
        this.client = client;
    }

    public Uni<JsonNode> post(String endpoint, byte[] body) {
        return send("POST", endpoint, body, "application/json");
    }

    public Uni<JsonNode> ndjson(String endpoint, byte[] body) {
        return send("POST", endpoint, body, "application/x-ndjson");
    }

    public Uni<JsonNode> send(String method, String endpoint, byte[] body, String contentType) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.body(Body.from(body, contentType));
        }
        return Uni.createFrom().completionStage(() -> client.executeAsync(request.build())).map(response -> {
            try (response) {
                byte[] bytes = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
                if (response.getStatus() >= 300) {
                    throw new Failure(response.getStatus(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                }
                return bytes.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether a failure may pass if tried again: OpenSearch unreachable, closing the connection, or answering 429/5xx. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof Failure f) {
                return f.isRetryable();
            }
            if (e instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * An OpenSearch error object ({@code {"type", "reason", "caused_by"}}) as its error type, its cause's type
     * and the field where it names one. Never the rest of its text: that quotes the request or a value
     * ("Preview of field's value: ...", an immense term's prefix, a query's terms), which may be a CPR
     * number, and these descriptions go into logs, dead-letter headers and reports.
     */
    public static String describeError(JsonNode error) {
        StringBuilder description = new StringBuilder(error.path("type").asText("unknown_error"));
        String field = null;
        for (JsonNode e = error; !e.isMissingNode() && field == null; e = e.path("caused_by")) {
            Matcher matcher = ERROR_FIELD.matcher(e.path("reason").asText(""));
            field = matcher.find() ? matcher.group(1) : null;
        }
        JsonNode cause = error.path("caused_by").path("type");
        if (cause.isTextual()) {
            description.append(" (caused by ").append(cause.asText()).append(')');
        }
        return field == null ? description.toString() : description.append(": field ").append(field).toString();
    }

    /**
     * OpenSearch answered with an error status. The message names the status and OpenSearch's error
     * type only: its reasons may quote the request (a query with a party's CPR number, a field's
     * value), and messages end up in logs.
     */
    public static final class Failure extends RuntimeException {
        private final int status;

        public Failure(int status, String body) {
            super("OpenSearch answered " + status + " (" + errorType(body) + ")");
            this.status = status;
        }

        private static String errorType(String body) {
            try {
                JsonNode error = Json.mapper().readTree(body).path("error");
                return error.isTextual() ? "error" : error.path("type").asText("").isEmpty() ? "no error type" : describeError(error);
            } catch (IOException | RuntimeException e) {
                return "no JSON error";
            }
        }

        public int status() {
            return status;
        }

        /** An index that does not exist yet (before the indexer's first start): nothing to show, not an error. */
        public static boolean isMissingIndex(Throwable e) {
            return e instanceof Failure f && f.status() == 404;
        }

        /** Overload (429) and server errors pass; a bad request does not. */
        public boolean isRetryable() {
            return status == 429 || status >= 500;
        }
    }
}
