package dk.overblik.service.opensearch;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenSearchClientsTest {

    /** A compressed answer costs OpenSearch and the service CPU for nothing on a local network. */
    @Test
    void theClientsDoNotAskOpenSearchToCompressItsAnswers() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> headers = CompletableFuture.supplyAsync(() -> answerOnce(server));
            OpenSearchClients clients = new OpenSearchClients("http://127.0.0.1:" + server.getLocalPort());
            try {
                var response = clients.client().generic().executeAsync(Requests.builder().method("POST").endpoint("/cases/_search")
                        .body(Body.from("{}".getBytes(StandardCharsets.UTF_8), "application/json")).build()).get(10, TimeUnit.SECONDS);
                assertEquals(200, response.getStatus());
            } finally {
                clients.close();
            }
            List<String> sent = headers.get(10, TimeUnit.SECONDS);
            assertTrue(sent.get(0).startsWith("POST /cases/_search"), sent.get(0));
            assertFalse(sent.stream().anyMatch(h -> h.toLowerCase().startsWith("accept-encoding:")), "request headers: " + sent);
        }
    }

    /** Reads one request's head and answers it with an empty JSON object. */
    private static List<String> answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return head;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
