package dk.overblik.overview.audit;

import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.service.problem.InvalidInputException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.CurrentCaller;
import dk.overblik.service.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** For auditors: who looked at a person, what a user looked up, and whether the log's chain is intact. */
@Path("/api/v1/audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {
    static final int MAX_RESULTS = 1000;
    /** As long as a login can be (the audit log's user_id). */
    static final int MAX_USER_ID = 255;
    private static final int VERIFY_PAGE = 2000;

    private final AuditEntryRepository repository;
    private final AuditLog audit;
    private final CurrentCaller caller;

    public AuditResource(AuditEntryRepository repository, AuditLog audit, CurrentCaller caller) {
        this.repository = repository;
        this.audit = audit;
        this.caller = caller;
    }

    /** Either a party (who looked at them) or a user (what they looked up), within a time range. */
    public record AuditQuery(String party, String userId, Instant from, Instant to, Integer limit) {
    }

    public record Entry(long id, Instant occurredAt, String userId, String roles, String action, String subject, String query,
                        int hits, int hidden, String requestId, String clientAddress) {
        static Entry of(AuditEntry e) {
            return new Entry(e.id, e.occurredAt, e.userId, e.roles, e.action, e.subject, e.query, e.hits, e.hidden, e.requestId,
                    e.clientAddress);
        }
    }

    public record Found(List<Entry> entries, boolean truncated) {
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who looked at a person, or what a user looked up, in the auditor's municipality (audited too)")
    public Uni<Found> search(AuditQuery query, @Context HttpServerRequest http) {
        Caller who = caller.get();
        String municipality = who.requireMunicipality();
        List<Violation> violations = new ArrayList<>();
        if (query == null || (query.party() == null) == (query.userId() == null)) {
            violations.add(new Violation("party", ViolationCode.REQUIRED, "give either party or userId"));
        } else if (query.party() != null && PartyRef.tryParse(query.party()).isEmpty()) {
            violations.add(new Violation("party", ViolationCode.BAD_PARTY_REF, "must be urn:oio:cpr-nr:... or urn:oio:cvr-nr:..."));
        }
        if (query != null && query.userId() != null && (query.userId().isBlank() || query.userId().length() > MAX_USER_ID)) {
            violations.add(new Violation("userId", ViolationCode.OUT_OF_RANGE, "must be 1-" + MAX_USER_ID + " characters"));
        }
        if (query != null && query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            violations.add(new Violation("from", ViolationCode.INCONSISTENT, "must not be after to"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Not a valid audit query.", violations);
        }
        int limit = query.limit() == null ? 100 : Math.max(1, Math.min(MAX_RESULTS, query.limit()));
        Instant from = query.from() == null ? Instant.EPOCH : query.from();
        Instant to = query.to() == null ? Instant.parse("9999-12-31T00:00:00Z") : query.to();
        String field = query.party() != null ? "subject" : "userId";
        String value = query.party() != null ? query.party() : query.userId();
        String subject = query.party() != null ? query.party() : "user:" + query.userId();
        Uni<List<AuditEntry>> found = io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> repository
                .find("municipality = :municipality and " + field + " = :value and occurredAt >= :from and occurredAt <= :to"
                                + " order by occurredAt desc, id desc",
                        Parameters.with("municipality", municipality).and("value", value).and("from", from).and("to", to))
                .page(0, limit + 1).list());
        return found.call(entries -> audit.record(new AuditLog.Lookup(who, AuditAction.AUDIT_SEARCH, subject,
                        "from=" + from + " to=" + to, Math.min(entries.size(), limit), 0, AuditLog.requestId(http),
                        AuditLog.clientAddress(http))))
                .map(entries -> new Found(entries.stream().limit(limit).map(Entry::of).toList(), entries.size() > limit));
    }

    /** The outcome of walking the chain: how many entries were checked and the first that does not fit. */
    public record Verification(long checked, long unchained, boolean intact, Long firstBrokenId) {
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "Recompute every entry's hash from the start and report the first entry that does not fit")
    public Uni<Verification> verify() {
        return verifyFrom(0L, null, 0, 0);
    }

    private Uni<Verification> verifyFrom(long afterId, String previousHash, long checked, long unchained) {
        return repository.find("id > ?1 order by id", afterId).page(0, VERIFY_PAGE).list().chain(entries -> {
            String previous = previousHash;
            long count = checked;
            long before = unchained;
            for (AuditEntry entry : entries) {
                if (entry.entryHash == null) {
                    if (count > 0) {
                        return Uni.createFrom().item(new Verification(count, before, false, entry.id));
                    }
                    before++; // written before the chain began
                    continue;
                }
                boolean fits = java.util.Objects.equals(entry.previousHash, previous)
                        && entry.entryHash.equals(AuditChain.hash(entry, entry.previousHash));
                if (!fits) {
                    return Uni.createFrom().item(new Verification(count, before, false, entry.id));
                }
                previous = entry.entryHash;
                count++;
            }
            if (entries.size() < VERIFY_PAGE) {
                return Uni.createFrom().item(new Verification(count, before, true, null));
            }
            return verifyFrom(entries.get(entries.size() - 1).id, previous, count, before);
        });
    }
}
