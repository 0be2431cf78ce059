package dk.overblik.overview.audit;

import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.reactive.VertxContexts;
import dk.overblik.service.security.Caller;
import dk.overblik.service.sql.DataRefusal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the audit entry of a lookup. The answer of a lookup leaves only after its entry is
 * committed; when the entry cannot be written the lookup fails with 503. Entries are chained
 * (each holds the hash of the one before), so writes take a transaction-scoped lock: the chain
 * has one order, the order of the ids. Entries that arrive while a write is under way go
 * together in the next transaction (group commit): one lock, one chain read and one batched
 * insert for all of them, so concurrent lookups do not queue one transaction each.
 */
@ApplicationScoped
public class AuditLog {
    /** The advisory lock that orders audit writes. */
    public static final long CHAIN_LOCK = 0x6f76657262L;
    /** The most entries in one transaction. */
    static final int MAX_GROUP = 500;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a lookup waits for its entry at most: beyond the database's own timeouts, for a connection that hangs. */
    private static final Duration GIVE_UP = Duration.ofSeconds(15);

    private final Pool pool;
    private final Duration groupTimeout;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    @Inject
    public AuditLog(Pool pool) {
        this(pool, GIVE_UP);
    }

    /** {@code groupTimeout}: how long one group's transaction may take before its lookups fail and the next group starts. */
    AuditLog(Pool pool, Duration groupTimeout) {
        this.pool = pool;
        this.groupTimeout = groupTimeout;
    }

    private record Pending(AuditEntry entry, CompletableFuture<Void> committed) {
    }

    /** Call it on the request's Vert.x context. */
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
        // The answer goes on on the request's context (the commit completes on the database client's thread).
        Executor back = VertxContexts.current();
        Pending pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        writeNext();
        return Uni.createFrom().completionStage(pending.committed()).emitOn(back)
                // A database that hangs fails the lookup too, after a while; the entry may still be committed later,
                // which audits a lookup that was not answered, never the other way round.
                .ifNoItem().after(GIVE_UP).failWith(() -> new IllegalStateException("No commit of the audit entry within " + GIVE_UP))
                .onFailure().transform(e -> new ProblemException(503, "audit-unavailable", "The audit log is unavailable",
                        "The lookup was not answered because it could not be audited. Try again shortly.", e));
    }

    /** Starts a write of everything queued, unless one is under way: that one starts the next when it ends. */
    private void writeNext() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> group = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = group.size() < MAX_GROUP ? queue.poll() : null) {
            group.add(p);
        }
        if (group.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                writeNext();
            }
            return;
        }
        pool.withTransaction(connection -> write(connection, group))
                // A connection that hangs where no database timeout reaches it (half-open after a failover) must not hold up
                // every later entry: its group fails, and the next group goes on another connection. Should the hung one commit
                // after all, the chain stays one: both take the chain's lock.
                .ifNoItem().after(groupTimeout).failWith(() -> new TimeoutException("No commit of the audit entries within " + groupTimeout))
                .subscribe().with(
                done -> finish(group, null),
                failure -> {
                    // Only an entry the database refuses is worth writing apart; a lock or statement timeout, or a database
                    // away, would only make every lookup of the group wait its turn again.
                    if (group.size() > 1 && DataRefusal.of(failure).isPresent()) {
                        oneByOne(group);
                    } else {
                        finish(group, failure);
                    }
                });
    }

    /**
     * A group's transaction failed: one entry may be what the database refuses, and it must not take
     * the others' lookups down with it. Each is written again in a transaction of its own, in order,
     * and only those that still fail fail their lookups.
     */
    private void oneByOne(List<Pending> group) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Pending p : group) {
            chain = chain.chain(() -> pool.withTransaction(connection -> write(connection, List.of(p)))
                    .invoke(() -> p.committed().complete(null))
                    .onFailure().invoke(p.committed()::completeExceptionally)
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        // Every entry's failure is its own (recovered above): the chain itself always completes.
        chain.subscribe().with(done -> finish(List.of(), null));
    }

    private void finish(List<Pending> group, Throwable failure) {
        writing.set(false);
        writeNext();
        for (Pending p : group) {
            if (failure == null) {
                p.committed().complete(null);
            } else {
                p.committed().completeExceptionally(failure);
            }
        }
    }

    private static Uni<Void> write(SqlConnection connection, List<Pending> group) {
        // Bounded waits: a lock held by a stuck writer, or a database that does not answer, fails the group.
        return connection.query("set local lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'; set local statement_timeout = '"
                        + STATEMENT_TIMEOUT.toMillis() + "ms'; select pg_advisory_xact_lock(" + CHAIN_LOCK + ")").execute()
                .chain(() -> connection.query("select entry_hash from audit_entry where entry_hash is not null order by id desc limit 1")
                        .execute())
                .chain(rows -> {
                    String previous = rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
                    List<Tuple> tuples = new ArrayList<>(group.size());
                    for (Pending p : group) {
                        AuditEntry e = p.entry();
                        e.previousHash = previous;
                        e.entryHash = AuditChain.hash(e, previous);
                        previous = e.entryHash;
                        tuples.add(Tuple.from(Arrays.asList(e.occurredAt.atOffset(ZoneOffset.UTC), e.municipality, e.userId, e.roles,
                                e.action, e.subject, e.query, e.hits, e.hidden, e.requestId, e.clientAddress, e.previousHash,
                                e.entryHash)));
                    }
                    return connection.preparedQuery("""
                                    insert into audit_entry (occurred_at, municipality, user_id, roles, action, subject, query, hits, hidden,
                                                             request_id, client_address, previous_hash, entry_hash)
                                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                            .executeBatch(tuples);
                })
                .replaceWithVoid();
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
