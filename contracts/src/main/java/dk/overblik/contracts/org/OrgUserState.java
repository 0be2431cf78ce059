package dk.overblik.contracts.org;

import java.util.List;
import java.util.UUID;

/** An employee as {@code overblik.org.v1} carries it (key: {@code <tenant>/<uuid>}, see {@link OrgUnitState#key}): login, name and the units they work in. */
public record OrgUserState(String tenant, UUID uuid, String userId, String name, List<UUID> units) {

    public static OrgUserState of(String tenant, UserRegistration user) {
        return new OrgUserState(tenant, user.uuid(), user.userId(), user.name(),
                user.positions().stream().map(UserRegistration.Position::orgUnitUuid).distinct().toList());
    }
}
