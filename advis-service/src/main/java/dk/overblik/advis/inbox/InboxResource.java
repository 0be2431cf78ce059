package dk.overblik.advis.inbox;

import dk.overblik.advis.alerts.AlertOutbox;
import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.advis.Alert;
import dk.overblik.contracts.advis.AlertStatus;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.org.OrgUserState;
import dk.overblik.service.access.AccessViews;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's inbox: alerts to them and to the units they work in, on cases they may see, newest
 * first; marking them seen or done, one or many; a server-sent event stream of new ones.
 */
@Path("/api/v1/advis")
@RolesAllowed(Roles.CASEWORKER)
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_BULK = 1_000;

    private final CurrentCaller caller;
    private final AccessViews views;
    private final AlertStream stream;
    private final AlertOutbox outbox;

    public InboxResource(CurrentCaller caller, AccessViews views, AlertStream stream, AlertOutbox outbox) {
        this.caller = caller;
        this.views = views;
        this.stream = stream;
        this.outbox = outbox;
    }

    public record InboxPage(List<Alert> items, long total, int page, int size) {
    }

    public record StatusChange(AlertStatus status) {
    }

    public record BulkChange(List<UUID> ids, AlertStatus status) {
    }

    /** {@code updated}: changed now; {@code unchanged}: already there (or done, when asked to mark seen); {@code notFound}: not in the caller's inbox. */
    public record BulkResult(int updated, int unchanged, List<UUID> notFound) {
    }

    @GET
    @WithSession
    @Operation(summary = "The caller's alerts, newest first, optionally of one status (NEW, SEEN, DONE)")
    public Uni<InboxPage> inbox(@QueryParam("status") String statusName, @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(400, "bad-page", "Bad page", "page >= 0 and size 1-" + MAX_PAGE_SIZE + ".");
        }
        // Read here, not by JAX-RS: an unknown name would be a plain 404 there.
        AlertStatus status = statusName == null ? null : Arrays.stream(AlertStatus.values())
                .filter(s -> s.name().equals(statusName)).findFirst()
                .orElseThrow(() -> new ProblemException(400, "bad-status", "Bad status", "status is NEW, SEEN or DONE."));
        InboxFilter filter = filterFor(caller.get(), status);
        var query = AlertEntity.<AlertEntity>find(filter.query(), Sort.descending("createdAt").and("id"), filter.parameters());
        return query.page(Page.of(page, size)).list()
                .chain(alerts -> query.count().map(total -> new InboxPage(alerts.stream().map(AlertEntity::toAlert).toList(), total,
                        page, size)));
    }

    @PUT
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Marks one alert SEEN or DONE")
    public Uni<Alert> mark(@PathParam("id") String id, StatusChange change) {
        UUID alertId = parseId(id);
        AlertStatus target = target(change == null ? null : change.status());
        Caller who = caller.get();
        InboxFilter filter = filterFor(who, null).withIds(List.of(alertId));
        // Locked while changed: two changes at once (SEEN and DONE) must not both start from NEW, and DONE stays done.
        return Panache.withTransaction(() -> AlertEntity.<AlertEntity>find(filter.query(), filter.parameters())
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .onItem().ifNull().failWith(() -> new ProblemException(404, "no-such-alert", "No such alert",
                                "Your inbox has no alert " + alertId + "."))
                        .call(alert -> writeHandled(changedEntries(List.of(alert), target, who)))
                        .map(AlertEntity::toAlert))
                .invoke(outbox::drainSoon);
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Marks many alerts SEEN or DONE at once")
    public Uni<BulkResult> bulk(BulkChange change) {
        if (change == null || change.ids() == null || change.ids().isEmpty() || change.ids().size() > MAX_BULK
                || change.ids().contains(null)) {
            throw new ProblemException(400, "bad-bulk", "Bad bulk change", "ids: 1-" + MAX_BULK + " alert ids.");
        }
        AlertStatus target = target(change.status());
        Caller who = caller.get();
        Set<UUID> ids = Set.copyOf(change.ids());
        InboxFilter filter = filterFor(who, null).withIds(ids);
        return Panache.withTransaction(() -> AlertEntity.<AlertEntity>find(filter.query(), Sort.by("id"), filter.parameters())
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .chain(alerts -> {
                            List<AlertOutbox.Entry> handled = changedEntries(alerts, target, who);
                            return writeHandled(handled).replaceWith(() -> new BulkResult(handled.size(),
                                    alerts.size() - handled.size(), notFound(ids, alerts)));
                        }))
                .invoke(outbox::drainSoon);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "New alerts for the caller as they are raised (server-sent events)")
    public Multi<Alert> stream() {
        Caller who = caller.get();
        String tenant = who.requireMunicipality();
        return stream.raised().filter(raised -> {
            // Access and units are looked up per alert: they may change while the stream is open.
            EffectiveAccess access = views.accessOf(tenant, who.userId()).orElse(null);
            return access != null && raised.isFor(access, who.userId(), unitsOf(tenant, who.userId()));
        }).map(AlertStream.Raised::alert);
    }

    private static List<UUID> notFound(Set<UUID> asked, List<AlertEntity> found) {
        Set<UUID> present = new HashSet<>();
        found.forEach(a -> present.add(a.id));
        return asked.stream().filter(id -> !present.contains(id)).sorted().toList();
    }

    /**
     * Moves each alert to the target status where that is forward (NEW to SEEN or DONE, SEEN to
     * DONE); the handled records of those that moved. The entities are flushed with the transaction.
     */
    private static List<AlertOutbox.Entry> changedEntries(List<AlertEntity> alerts, AlertStatus target, Caller who) {
        List<AlertOutbox.Entry> handled = new ArrayList<>();
        Instant now = Instant.now();
        for (AlertEntity alert : alerts) {
            if (alert.status == AlertStatus.DONE || alert.status == target) {
                continue;
            }
            alert.status = target;
            alert.statusChangedAt = now;
            alert.statusChangedBy = who.userId();
            handled.add(AlertOutbox.Entry.of(alert.toAlert(), EventTypes.ADVIS_HANDLED, UUID.randomUUID()));
        }
        return handled;
    }

    /** The handled records, in the outbox in the same transaction (one statement). */
    private static Uni<Void> writeHandled(List<AlertOutbox.Entry> handled) {
        return Panache.getSession().chain(session -> AlertOutbox.enqueue(session, handled));
    }

    private InboxFilter filterFor(Caller who, AlertStatus status) {
        String tenant = who.requireMunicipality();
        return views.accessOf(tenant, who.userId())
                .map(access -> InboxFilter.of(access, who.userId(), unitsOf(tenant, who.userId()), status))
                .orElse(InboxFilter.NOTHING);
    }

    private List<UUID> unitsOf(String tenant, String userId) {
        return views.employeeByLogin(tenant, userId).map(OrgUserState::units).orElse(List.of());
    }

    private static AlertStatus target(AlertStatus status) {
        if (status == null || !EnumSet.of(AlertStatus.SEEN, AlertStatus.DONE).contains(status)) {
            throw new ProblemException(400, "bad-status", "Bad status", "status must be SEEN or DONE.");
        }
        return status;
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "no-such-alert", "No such alert", "Your inbox has no alert " + id + ".");
        }
    }
}
