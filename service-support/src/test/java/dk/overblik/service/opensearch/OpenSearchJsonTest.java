package dk.overblik.service.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP side of {@link OpenSearchJson}, against a socket that plays OpenSearch's part. */
class OpenSearchJsonTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void sendsTheBodyUnderTheUrlsPathWithoutAskingForCompressionAndReadsTheAnswer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> request = CompletableFuture.supplyAsync(
                    () -> answerOnce(server, "200 OK", "{\"hits\":{\"total\":3}}"));
            OpenSearchJson openSearch = new OpenSearchJson(vertx, "http://127.0.0.1:" + server.getLocalPort() + "/search/", 4);

            JsonNode answer = openSearch.post("/cases/_search", "{\"size\":0}".getBytes(StandardCharsets.UTF_8)).await().atMost(WAIT);

            assertEquals(3, answer.path("hits").path("total").asInt());
            List<String> sent = request.get(10, TimeUnit.SECONDS);
            assertEquals("POST /search/cases/_search HTTP/1.1", sent.get(0));
            assertTrue(sent.stream().anyMatch(h -> h.equalsIgnoreCase("content-type: application/json")), "request: " + sent);
            assertFalse(sent.stream().anyMatch(h -> h.toLowerCase().startsWith("accept-encoding:")), "request: " + sent);
            assertEquals("{\"size\":0}", sent.get(sent.size() - 1));
        }
    }

    @Test
    void anErrorStatusFailsWithItsStatusAndErrorTypeAndSaysWhetherRetryingHelps() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            OpenSearchJson openSearch = new OpenSearchJson(vertx, "http://127.0.0.1:" + server.getLocalPort(), 1);

            CompletableFuture.runAsync(() -> answerOnce(server, "400 Bad Request",
                    "{\"error\":{\"type\":\"parsing_exception\",\"reason\":\"unknown query [0101901234]\"},\"status\":400}"));
            var refused = assertThrows(OpenSearchJson.Failure.class,
                    () -> openSearch.post("/cases/_search", new byte[0]).await().atMost(WAIT));
            assertEquals(400, refused.status());
            assertEquals("OpenSearch answered 400 (parsing_exception)", refused.getMessage());
            assertFalse(OpenSearchJson.isTransient(refused));

            CompletableFuture.runAsync(() -> answerOnce(server, "429 Too Many Requests",
                    "{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":429}"));
            var busy = assertThrows(OpenSearchJson.Failure.class,
                    () -> openSearch.ndjson("/_bulk", new byte[0]).await().atMost(WAIT));
            assertTrue(OpenSearchJson.isTransient(busy));
        }
    }

    @Test
    void openSearchClosingTheConnectionWithoutAnAnswerIsAnIoFailureWorthRetrying() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> answerOnce(server, null, null));
            OpenSearchJson openSearch = new OpenSearchJson(vertx, "http://127.0.0.1:" + server.getLocalPort(), 1);

            Throwable failure = assertThrows(Throwable.class, () -> openSearch.post("/_refresh", null).await().atMost(WAIT));

            assertTrue(failure instanceof java.io.IOException || failure.getCause() instanceof java.io.IOException, failure.toString());
            assertTrue(OpenSearchJson.isTransient(failure), failure.toString());
        }
    }

    @Test
    void openSearchNotListeningIsAnIoFailureWorthRetrying() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        OpenSearchJson openSearch = new OpenSearchJson(vertx, "http://127.0.0.1:" + port, 1);

        Throwable failure = assertThrows(Throwable.class, () -> openSearch.post("/_refresh", null).await().atMost(WAIT));

        assertTrue(OpenSearchJson.isTransient(failure), failure.toString());
    }

    @Test
    void aRequestAfterTheClientIsClosedIsNotTakenForOpenSearchBeingAway() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            OpenSearchJson openSearch = new OpenSearchJson(vertx, "http://127.0.0.1:" + server.getLocalPort(), 1);
            openSearch.close();

            Throwable failure = assertThrows(Throwable.class, () -> openSearch.post("/_refresh", null).await().atMost(WAIT));

            // Retrying would go on until the process ends, as the pipeline retries what is transient.
            assertTrue(failure instanceof IllegalStateException, failure.toString());
            assertFalse(OpenSearchJson.isTransient(failure), failure.toString());
        }
    }

    /**
     * Reads one request (head, and a body by its Content-Length) and answers it with {@code status}
     * and a JSON {@code body}, or closes the connection without an answer when {@code status} is null.
     * Gives the request's head lines, then its body.
     */
    private static List<String> answerOnce(ServerSocket server, String status, String body) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> request = new ArrayList<>();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                request.add(line);
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            char[] content = new char[length];
            for (int read = 0; read < length; ) {
                read += in.read(content, read, length - read);
            }
            request.add(new String(content));
            if (status != null) {
                byte[] json = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(json);
                out.flush();
            }
            return request;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
