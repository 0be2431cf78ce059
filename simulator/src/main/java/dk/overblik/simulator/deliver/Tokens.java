package dk.overblik.simulator.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Gets real access tokens from an OIDC provider (the stack's Keycloak), for scripts, the simulator and tests. */
public final class Tokens {
    /** The public client for scripts (password grant; local use only). */
    public static final String CLI_CLIENT = "overblik-cli";
    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_SECRET = "demo-secret";
    /** The demo vendor system: speaks for source system esdh in both demo municipalities. */
    public static final String VENDOR_CLIENT = "vendor-esdh";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String issuer;

    public Tokens(String issuer) {
        this.issuer = issuer;
    }

    /** The vendor client of a source system of the demo realm ({@code vendor-<system>}). */
    public static String vendorClient(String sourceSystem) {
        return "vendor-" + sourceSystem;
    }

    /** A demo user's access token (password grant through the CLI client). */
    public String forUser(String username) {
        return forUser(username, DEMO_PASSWORD);
    }

    public String forUser(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", CLI_CLIENT);
        form.put("username", username);
        form.put("password", password);
        return request(form, "user " + username);
    }

    /** A system's access token (client-credentials grant). */
    public String forClient(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return request(form, "client " + clientId);
    }

    public String forDemoVendor() {
        return forClient(VENDOR_CLIENT, DEMO_SECRET);
    }

    private String request(Map<String, String> form, String who) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The identity provider refused a token for " + who + " ("
                        + response.statusCode() + "): " + response.body());
            }
            JsonNode json = Json.mapper().readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the identity provider at " + issuer + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
