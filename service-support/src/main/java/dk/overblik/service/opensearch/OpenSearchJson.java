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

/**
 * Plain JSON (and NDJSON) requests to OpenSearch, for the calls where the typed client gets in
 * the way: bulk bodies with scripted upserts, update-by-query, mget. Non-2xx answers fail with
 * {@link Failure}, which says whether retrying can help.
 */
@ApplicationScoped
public class OpenSearchJson {
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
                String type = error.isTextual() ? "error" : error.path("type").asText("");
                return type.isEmpty() ? "no error type" : type;
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
