package dk.overblik.service.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.overblik.contracts.json.Json;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.hc.core5.http.HttpHost;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.net.URISyntaxException;

/**
 * The typed OpenSearch clients of a service (opensearch-java over Apache HttpClient 5), configured by
 * {@code overblik.opensearch.url}, for readiness and tests; the services' own requests go through
 * {@link OpenSearchJson}. Documents are mapped with the contracts' JSON settings.
 */
@Singleton
public class OpenSearchClients {
    private final OpenSearchTransport transport;

    public OpenSearchClients(@ConfigProperty(name = "overblik.opensearch.url") String url) {
        try {
            ObjectMapper mapper = Json.configure(com.fasterxml.jackson.databind.json.JsonMapper.builder()).build();
            this.transport = ApacheHttpClient5TransportBuilder.builder(HttpHost.create(url))
                    .setMapper(new JacksonJsonpMapper(mapper))
                    // HttpClient 5.6 asks for compressed answers by default, and OpenSearch then gzips every one:
                    // CPU on both sides for answers that cross a local network.
                    .setHttpClientConfigCallback(client -> client.disableContentCompression())
                    .build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("overblik.opensearch.url is not a URL: " + url, e);
        }
    }

    @Produces
    @Singleton
    OpenSearchClient client() {
        return new OpenSearchClient(transport);
    }

    @Produces
    @Singleton
    OpenSearchAsyncClient asyncClient() {
        return new OpenSearchAsyncClient(transport);
    }

    @PreDestroy
    void close() throws IOException {
        transport.close();
    }
}
