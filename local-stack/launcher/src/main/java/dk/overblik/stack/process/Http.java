package dk.overblik.stack.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tiny HTTP probe for readiness checks. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Http() {
    }

    public static HttpClient client() {
        return CLIENT;
    }

    /** The status code of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        return get(url).statusCode;
    }

    public static Response get(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "");
        }
    }

    public record Response(int statusCode, String body) {
        public boolean isOk() {
            return statusCode >= 200 && statusCode < 300;
        }
    }
}
