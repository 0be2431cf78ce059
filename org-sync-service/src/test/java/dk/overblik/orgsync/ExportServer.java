package dk.overblik.orgsync;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A real HTTP server standing for a municipality's export endpoint (OS2sync or an HR system):
 * it serves whatever the test last gave it, and 503 before that.
 */
public class ExportServer implements QuarkusTestResourceLifecycleManager {
    public static final String TENANT = "29189714";
    private static volatile byte[] served;
    private static volatile boolean announceLength = true;
    private HttpServer server;

    public static void serve(byte[] export) {
        served = export;
        announceLength = true;
    }

    /** Serves the export chunked, without a Content-Length: the client learns its size only by reading it. */
    public static void serveChunked(byte[] export) {
        served = export;
        announceLength = false;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/export", exchange -> {
            byte[] body = served;
            if (body == null) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, announceLength ? body.length : 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return Map.of("overblik.org-sync.municipalities.\"" + TENANT + "\".export-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/export");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
