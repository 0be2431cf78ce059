package dk.overblik.orgsync.org;

import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.orgsync.access.OrgTree;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The caller's municipality's unit tree, as the last good export gave it. */
@Path("/api/v1/units")
@Authenticated
public class UnitTreeResource {
    private final CurrentCaller caller;

    public UnitTreeResource(CurrentCaller caller) {
        this.caller = caller;
    }

    /** A unit and the units below it. */
    public record UnitNode(UUID uuid, String shortKey, String name, List<String> tasks, List<String> contactForTasks,
                           boolean inheritKle, List<UnitNode> children) {
    }

    public record UnitTree(String tenant, int units, UnitNode root) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "The organisation tree of the caller's municipality")
    public Uni<UnitTree> tree() {
        Caller who = caller.get();
        String tenant = who.requireMunicipality();
        return OrgUnitEntity.ofTenant(tenant).map(entities -> {
            OrgTree tree = new OrgTree(entities.stream().map(OrgUnitEntity::toRegistration).toList());
            OrgUnitRegistration root = tree.units().stream().filter(u -> u.parentOrgUnitUuid() == null).findFirst().orElse(null);
            return new UnitTree(tenant, entities.size(), root == null ? null : node(tree, root));
        });
    }

    private static UnitNode node(OrgTree tree, OrgUnitRegistration unit) {
        List<UnitNode> children = tree.children(unit.uuid()).stream().map(tree::unit)
                .sorted(Comparator.comparing(OrgUnitRegistration::name))
                .map(child -> node(tree, child)).toList();
        return new UnitNode(unit.uuid(), unit.shortKey(), unit.name(), unit.tasks(), unit.contactForTasks(), unit.inheritKle(), children);
    }
}
