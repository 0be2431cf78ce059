package dk.overblik.overview.audit;

import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.TreeSet;

/**
 * Writes the audit entry of a lookup. The answer of a lookup leaves only after its entry is
 * committed; when the entry cannot be written the lookup fails with 503.
 */
@ApplicationScoped
public class AuditLog {
    private final AuditEntryRepository repository;
    private final Clock clock = Clock.systemUTC();

    public AuditLog(AuditEntryRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> record(Lookup lookup) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = clock.instant();
        entry.municipality = lookup.caller().municipality();
        entry.userId = lookup.caller().userId();
        entry.roles = String.join(",", new TreeSet<>(lookup.caller().roles()));
        entry.action = lookup.action().name();
        entry.subject = lookup.subject();
        entry.query = lookup.query();
        entry.hits = lookup.hits();
        entry.hidden = lookup.hidden();
        entry.requestId = lookup.requestId();
        entry.clientAddress = lookup.clientAddress();
        return Panache.withTransaction(() -> repository.persist(entry))
                .replaceWithVoid()
                .onFailure().transform(e -> new ProblemException(503, "audit-unavailable", "The audit log is unavailable",
                        "The lookup was not answered because it could not be audited. Try again shortly.", e));
    }

    /** What to audit about one lookup. */
    public record Lookup(Caller caller, AuditAction action, String subject, String query, int hits, int hidden,
                         String requestId, String clientAddress) {
    }
}
