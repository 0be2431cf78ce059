package dk.overblik.overview.audit;

import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes the audit entry of a lookup. The answer of a lookup leaves only after its entry is
 * committed; when the entry cannot be written the lookup fails with 503. Entries are chained
 * (each holds the hash of the one before), so writes take a transaction-scoped lock: the chain
 * has one order, the order of the ids.
 */
@ApplicationScoped
public class AuditLog {
    /** The advisory lock that orders audit writes. */
    private static final long CHAIN_LOCK = 0x6f76657262L;

    private final AuditEntryRepository repository;
    private final Clock clock = Clock.systemUTC();

    public AuditLog(AuditEntryRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> record(Lookup lookup) {
        AuditEntry entry = new AuditEntry();
        // PostgreSQL keeps microseconds: hash what will be stored.
        entry.occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + CHAIN_LOCK
                                + ")) locked").getSingleResult())
                        .chain(() -> repository.find("entryHash is not null order by id desc").<AuditEntry>firstResult())
                        .chain(previous -> {
                            entry.previousHash = previous == null ? null : previous.entryHash;
                            entry.entryHash = AuditChain.hash(entry, entry.previousHash);
                            return repository.persist(entry);
                        }))
                .replaceWithVoid()
                .onFailure().transform(e -> new ProblemException(503, "audit-unavailable", "The audit log is unavailable",
                        "The lookup was not answered because it could not be audited. Try again shortly.", e));
    }

    /** The caller's request id (X-Request-Id when sensible), else a new one. */
    public static String requestId(HttpServerRequest http) {
        String given = http.getHeader("X-Request-Id");
        return given != null && given.length() <= 64 ? given : UUID.randomUUID().toString();
    }

    public static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    /** What to audit about one lookup. */
    public record Lookup(Caller caller, AuditAction action, String subject, String query, int hits, int hidden,
                         String requestId, String clientAddress) {
    }
}
