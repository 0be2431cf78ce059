package dk.overblik.service.access;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the access and organisation views are complete: before that, users would see too little. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "overblik.access-views.enabled", stringValue = "true")
public class AccessViewsReadiness implements HealthCheck {
    private final AccessViews views;

    public AccessViewsReadiness(AccessViews views) {
        this.views = views;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("access-views").status(views.isComplete())
                .withData("usersWithAccess", views.accessCount()).build();
    }
}
