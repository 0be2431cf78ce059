package dk.overblik.orgsync.importing;

import dk.overblik.orgsync.config.OrgSyncConfig;
import dk.overblik.orgsync.org.OrgUnitEntity;
import dk.overblik.orgsync.publish.Outbox;
import dk.overblik.orgsync.org.OrgUserEntity;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** How the caller's municipality's organisation sync stands: the last attempt, the last applied export, the size of the state. */
@Path("/api/v1/org-sync/status")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class SyncStatusResource {
    private final CurrentCaller caller;
    private final OrgSyncConfig config;
    private final Outbox outbox;

    public SyncStatusResource(CurrentCaller caller, OrgSyncConfig config, Outbox outbox) {
        this.caller = caller;
        this.config = config;
        this.outbox = outbox;
    }

    /** {@code pendingPublish}: records (of every municipality) committed but not yet on Kafka. */
    public record Status(String tenant, boolean pullConfigured, boolean orgRestriction, long units, long users, SyncRun lastRun,
                         SyncRun lastApplied, long pendingPublish) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "The last sync run and the last applied export of the caller's municipality")
    public Uni<Status> status() {
        Caller who = caller.get();
        String tenant = who.requireMunicipality();
        OrgSyncConfig.Municipality municipality = config.municipalities().get(tenant);
        return OrgUnitEntity.count("tenant", tenant)
                .chain(units -> OrgUserEntity.countOfTenant(tenant)
                        .chain(users -> SyncRun.latest(tenant)
                                .chain(last -> SyncRun.latestApplied(tenant)
                                        .chain(applied -> outbox.pending()
                                                .map(pending -> new Status(tenant, municipality != null && municipality.exportUrl().isPresent(),
                                                        config.orgRestriction(tenant), units, users, last, applied, pending))))));
    }
}
