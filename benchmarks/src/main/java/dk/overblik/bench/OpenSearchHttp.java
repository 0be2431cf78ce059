package dk.overblik.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP to OpenSearch for the benchmarks' direct paths (bulk loads, raw queries). */
final class OpenSearchHttp {
    private OpenSearchHttp() {
    }

    /** Sends a request; an error status, or a bulk with errors other than version conflicts, throws. */
    static String send(String method, String url, byte[] body, String contentType) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            }
            HttpResponse<String> response = BenchStack.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + ": " + response.body());
            }
            if (url.contains("/_bulk") && response.body().contains("\"errors\":true") && !onlyConflicts(response.body())) {
                throw new IllegalStateException("Bulk errors: " + response.body().substring(0, Math.min(500, response.body().length())));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    /** Version conflicts are stale writes, as in the pipeline; anything else is a real error. */
    private static boolean onlyConflicts(String body) {
        try {
            for (JsonNode item : Json.mapper().readTree(body).path("items")) {
                int status = item.elements().next().path("status").asInt();
                if (status >= 300 && status != 409) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until a new index's primary shard is allocated: writes and searches fail before. */
    static void awaitAllocated(String openSearch, String index) {
        send("GET", openSearch + "/_cluster/health/" + index + "?wait_for_status=yellow&timeout=60s", null, null);
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = OpenSearchHttp.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
