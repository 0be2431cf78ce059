package dk.overblik.service.opensearch;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;

/** Ready only while OpenSearch answers and is not red. Active in services that set overblik.opensearch.enabled=true. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "overblik.opensearch.enabled", stringValue = "true")
public class OpenSearchReadiness implements HealthCheck {
    private final OpenSearchClient client;

    public OpenSearchReadiness(OpenSearchClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            HealthStatus status = client.cluster().health().status();
            return HealthCheckResponse.named("opensearch").status(status != HealthStatus.Red)
                    .withData("status", status.jsonValue()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("opensearch").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
