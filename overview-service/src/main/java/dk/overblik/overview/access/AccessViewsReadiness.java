package dk.overblik.overview.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the access and organisation views are complete: before that, users would see too little. */
@Readiness
@ApplicationScoped
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
