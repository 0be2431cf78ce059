package dk.overblik.orgsync.access;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.orgsync.config.OrgSyncConfig;
import dk.overblik.orgsync.org.OrgUnitEntity;
import dk.overblik.orgsync.org.OrgUserEntity;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/** Explains a user's effective access: each KLE entry with where it came from. */
@Path("/api/v1/users/{userId}/access")
@Authenticated
public class AccessResource {
    private final CurrentCaller caller;
    private final OrgSyncConfig config;

    public AccessResource(CurrentCaller caller, OrgSyncConfig config) {
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "A user's effective access and where each KLE entry came from (the user, an admin or an auditor)")
    public Uni<AccessExplanation> explain(@PathParam("userId") String userId) {
        Caller who = caller.get();
        if (!userId.equals(who.userId()) && !who.hasRole(Roles.ADMIN) && !who.hasRole(Roles.AUDITOR)) {
            throw new ProblemException(403, "not-yours", "Not your access",
                    "Only the user, an admin or an auditor of the municipality may see a user's access.");
        }
        String tenant = who.requireMunicipality();
        return OrgUserEntity.byLogin(tenant, userId)
                .onItem().ifNull().failWith(() -> new ProblemException(404, "unknown-user", "No such user",
                        "The organisation of " + tenant + " has no user '" + userId + "'."))
                .chain(user -> OrgUnitEntity.ofTenant(tenant)
                        .map(units -> explain(tenant, user.toRegistration(),
                                new OrgTree(units.stream().map(OrgUnitEntity::toRegistration).toList()))));
    }

    AccessExplanation explain(String tenant, UserRegistration user, OrgTree tree) {
        EffectiveAccess access = AccessCalculator.access(tenant, tree, user, config.orgRestriction(tenant));
        List<AccessExplanation.Source> sources = AccessCalculator.grants(tree, user).stream()
                .map(g -> new AccessExplanation.Source(g.kle(), g.origin(), ref(tree, g.unit()), ref(tree, g.inheritedFrom()),
                        !access.kleScope().contains(g.kle())))
                .toList();
        List<AccessExplanation.PositionView> positions = user.positions().stream()
                .map(p -> new AccessExplanation.PositionView(p.name(), ref(tree, p.orgUnitUuid()))).toList();
        return new AccessExplanation(tenant, user.userId(), user.name(), access.kleScope(), access.orgScope(), access.clearance(),
                access.orgRestriction(), positions, sources);
    }

    private static AccessExplanation.UnitRef ref(OrgTree tree, UUID uuid) {
        if (uuid == null) {
            return null;
        }
        OrgUnitRegistration unit = tree.unit(uuid);
        return new AccessExplanation.UnitRef(uuid, unit == null ? null : unit.name());
    }
}
