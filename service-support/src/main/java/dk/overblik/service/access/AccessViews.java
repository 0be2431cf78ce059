package dk.overblik.service.access;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.org.OrgUserState;
import dk.overblik.service.kafka.CloudEventHeaders;
import dk.overblik.service.kafka.CompactedTopicView;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What org-sync publishes, kept locally: each user's effective access ({@code overblik.access.v1})
 * and the units and employees ({@code overblik.org.v1}), employees also by login. A service that
 * answers users turns it on with the build property {@code overblik.access-views.enabled=true};
 * it is then ready only once both views have read their topics to the end.
 */
@ApplicationScoped
@Startup
@IfBuildProperty(name = "overblik.access-views.enabled", stringValue = "true")
public class AccessViews {
    private final CompactedTopicView<EffectiveAccess> access;
    private final CompactedTopicView<Object> org;
    private final Map<String, OrgUserState> employeesByLogin = new ConcurrentHashMap<>();

    public AccessViews(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.access = new CompactedTopicView<>(bootstrap, Topics.ACCESS, r -> read(r.value(), EffectiveAccess.class)).start();
        this.org = new CompactedTopicView<Object>(bootstrap, Topics.ORG, r -> {
            String type = CloudEventHeaders.type(r);
            return switch (type == null ? "" : type) {
                case EventTypes.ORG_UNIT -> (Object) read(r.value(), OrgUnitState.class);
                case EventTypes.ORG_USER -> (Object) read(r.value(), OrgUserState.class);
                default -> throw new IllegalArgumentException("unknown type '" + type + "'");
            };
        }).onChange(this::indexByLogin).start();
    }

    /** The effective access of a user, if org-sync has published one. */
    public Optional<EffectiveAccess> accessOf(String tenant, String userId) {
        return access.get(EffectiveAccess.key(tenant, userId));
    }

    public Optional<OrgUnitState> unit(String tenant, UUID uuid) {
        return uuid == null ? Optional.empty() : org.get(OrgUnitState.key(tenant, uuid)).filter(OrgUnitState.class::isInstance)
                .map(OrgUnitState.class::cast);
    }

    public Optional<OrgUserState> employee(String tenant, UUID uuid) {
        return uuid == null ? Optional.empty() : org.get(OrgUnitState.key(tenant, uuid)).filter(OrgUserState.class::isInstance)
                .map(OrgUserState.class::cast);
    }

    /** The employee who logs in as {@code userId} (the token's user name), with the units they work in. */
    public Optional<OrgUserState> employeeByLogin(String tenant, String userId) {
        return Optional.ofNullable(employeesByLogin.get(EffectiveAccess.key(tenant, userId)));
    }

    /** Whether the access view stopped following org-sync's topic: what it holds may be outdated, for good. */
    public boolean accessHasStopped() {
        return access.hasStopped();
    }

    public boolean isComplete() {
        return access.isComplete() && org.isComplete();
    }

    public int accessCount() {
        return access.size();
    }

    private void indexByLogin(String key, Object previous, Object current) {
        if (previous instanceof OrgUserState gone) {
            employeesByLogin.remove(EffectiveAccess.key(gone.tenant(), gone.userId()), gone);
        }
        if (current instanceof OrgUserState user) {
            employeesByLogin.put(EffectiveAccess.key(user.tenant(), user.userId()), user);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return Json.mapper().readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    public void close() {
        access.close();
        org.close();
    }
}
