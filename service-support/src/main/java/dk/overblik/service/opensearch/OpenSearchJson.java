package dk.overblik.service.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain JSON (and NDJSON) requests to OpenSearch, for the calls where the typed client gets in
 * the way: searches built as JSON, bulk bodies with scripted upserts, mget. Non-2xx answers fail
 * with {@link Failure}, which says whether retrying can help; OpenSearch not answering fails with
 * an {@link IOException}.
 *
 * <p>Sent with the Vert.x HTTP client of the service rather than opensearch-java's Apache
 * transport: the answer arrives on the caller's own Vert.x context instead of an I/O thread of a
 * second client. (The Apache transport was about a fifth of the overview's CPU in a profile; the
 * benchmark after the change showed no gain clear of the machine's noise, see docs/overview.md.)
 */
@ApplicationScoped
public class OpenSearchJson {
    /** Where OpenSearch's error reason names a field: mapping and immense-term errors. */
    private static final Pattern ERROR_FIELD = Pattern.compile("(?:failed to parse field \\[|in field=\")([A-Za-z0-9_.]{1,100})[\\]\"]");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long a request waits without an answer, and at most for a free connection, as long as the
     * Apache transport waited: a busy node's bulk takes seconds; a call that asks OpenSearch to wait
     * (cluster health) asks for less.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String basePath;

    public OpenSearchJson(Vertx vertx, @ConfigProperty(name = "overblik.opensearch.url") String url,
                          @ConfigProperty(name = "overblik.opensearch.max-connections", defaultValue = "20") int maxConnections) {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("overblik.opensearch.url is not a URL: " + url);
        }
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(uri.getHost())
                        .setDefaultPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                        .setSsl(tls)
                        .setKeepAlive(true)
                        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()),
                new PoolOptions().setHttp1MaxSize(maxConnections));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public Uni<JsonNode> post(String endpoint, byte[] body) {
        return send("POST", endpoint, body, "application/json");
    }

    public Uni<JsonNode> ndjson(String endpoint, byte[] body) {
        return send("POST", endpoint, body, "application/x-ndjson");
    }

    public Uni<JsonNode> send(String method, String endpoint, byte[] body, String contentType) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setURI(basePath + endpoint)
                .setConnectTimeout(TIMEOUT.toMillis())
                .setIdleTimeout(TIMEOUT.toMillis());
        if (body != null) {
            request.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return Uni.createFrom().deferred(() -> http.request(request))
                .chain(sending -> body == null ? sending.send() : sending.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(answer -> new Answer(response.statusCode(), answer.getBytes())))
                .onFailure(OpenSearchJson::noAnswer).transform(OpenSearchJson::unreachable)
                .map(OpenSearchJson::read);
    }

    private record Answer(int status, byte[] body) {
    }

    private static JsonNode read(Answer answer) {
        if (answer.status() >= 300) {
            throw new Failure(answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        try {
            return answer.body().length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The connection closed before an answer, or no connection or answer came in time: OpenSearch away or
     * stalled. Anything else (the client closed at shutdown, a fault of ours) is not, and stays as it is,
     * so that it is not retried as if OpenSearch might come back.
     */
    private static boolean noAnswer(Throwable failure) {
        return failure instanceof HttpClosedException || failure instanceof TimeoutException;
    }

    /** A failure of {@link #noAnswer} as an I/O failure, as connection refused already is. */
    private static IOException unreachable(Throwable failure) {
        return new IOException("OpenSearch did not answer: " + failure, failure);
    }

    /** Closes the connections; waits a little for it, not for ever: at shutdown, Vert.x may be closing too. */
    @PreDestroy
    void close() {
        http.close().ifNoItem().after(CONNECT_TIMEOUT).recoverWithItem((Void) null).await().indefinitely();
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
        private final String type;

        public Failure(int status, String body) {
            this(status, errorOf(body));
        }

        private Failure(int status, JsonNode error) {
            super("OpenSearch answered " + status + " (" + describe(error) + ")");
            this.status = status;
            this.type = error == null ? null : error.path("type").asText(null);
        }

        /** The answer's {@code error}, or null when the answer is no JSON. */
        private static JsonNode errorOf(String body) {
            try {
                return Json.mapper().readTree(body).path("error");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static String describe(JsonNode error) {
            if (error == null) {
                return "no JSON error";
            }
            if (error.isTextual()) {
                return "error";
            }
            return error.path("type").asText("").isEmpty() ? "no error type" : describeError(error);
        }

        public int status() {
            return status;
        }

        /** OpenSearch's error type ({@code index_not_found_exception}), or null when the answer named none. */
        public String type() {
            return type;
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
