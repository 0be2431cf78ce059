package dk.overblik.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.process.Http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Loads the demo cases through the vendor API, with the demo vendor's real token. Idempotent. */
public final class DemoLoader {
    private static final String CASES = "/demo/demo-cases.json";

    private DemoLoader() {
    }

    public static int load(StackEnv env) {
        String token = new Tokens(env.get(StackEnv.OIDC_ISSUER)).forDemoVendor();
        try (InputStream in = DemoLoader.class.getResourceAsStream(CASES)) {
            JsonNode cases = Json.mapper().readTree(in);
            int loaded = 0;
            for (JsonNode c : cases) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(env.get(StackEnv.INDEXER_URL) + "/api/v1/cases"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(c)))
                        .build();
                HttpResponse<String> response = Http.client().send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new StackException("The indexer refused a demo case (" + response.statusCode() + "): " + response.body());
                }
                loaded++;
            }
            return loaded;
        } catch (IOException e) {
            throw new StackException("Could not load demo data: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }
}
