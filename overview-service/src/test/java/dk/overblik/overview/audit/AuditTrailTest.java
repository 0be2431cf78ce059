package dk.overblik.overview.audit;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.service.problem.ProblemException;
import dk.overblik.service.security.Caller;
import dk.overblik.service.security.Roles;
import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.Fixtures;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class AuditTrailTest {
    private static final String A = SampleCases.TENANT_A;

    @Inject
    Fixtures fixtures;

    @Inject
    AuditLog audit;

    @Inject
    io.vertx.core.Vertx vertx;

    private static void lookUp(String user, PartyRef person) {
        given().auth().oauth2(TestStack.tokens().forUser(user)).contentType(ContentType.JSON)
                .body("{\"party\": \"" + person.urn() + "\"}").when().post("/api/v1/party-overview").then().statusCode(200);
    }

    @Test
    void anAuditorSeesWhoLookedAtAPersonAndWhatAUserLookedUpAndIsAuditedToo() {
        fixtures.grant(new EffectiveAccess(A, "caseworker-a", List.of("27"), List.of(), 2, false));
        fixtures.grant(new EffectiveAccess(A, "callcenter-a", List.of("27"), List.of(), 2, false));
        PartyRef person = SampleCases.randomPerson();
        lookUp("caseworker-a", person);
        lookUp("callcenter-a", person);
        String auditor = TestStack.tokens().forUser("auditor-a");

        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(Map.of("party", person.urn()))
                .when().post("/api/v1/audit/search").then().statusCode(200)
                .body("entries", hasSize(2))
                .body("entries.userId", org.hamcrest.Matchers.containsInAnyOrder("caseworker-a", "callcenter-a"))
                .body("entries.action", everyItem(equalTo("PARTY_OVERVIEW")));

        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(Map.of("userId", "auditor-a", "limit", 5))
                .when().post("/api/v1/audit/search").then().statusCode(200)
                .body("entries.action", hasItem("AUDIT_SEARCH"))
                .body("entries.subject", hasItem(person.urn()));

        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(Map.of("party", "urn:oio:cpr-nr:12"))
                .when().post("/api/v1/audit/search").then().statusCode(400);
        given().auth().oauth2(TestStack.tokens().forUser("caseworker-a")).contentType(ContentType.JSON)
                .body(Map.of("party", person.urn())).when().post("/api/v1/audit/search").then().statusCode(403);
    }

    @Test
    void theChainVerifiesAndTheDatabaseRefusesToChangeAnEntry() throws Exception {
        fixtures.grant(new EffectiveAccess(A, "caseworker-a", List.of("27"), List.of(), 2, false));
        // Lookups at the same time are written together (group commit) and still make one unbroken chain.
        List<PartyRef> people = IntStream.range(0, 40).mapToObj(i -> SampleCases.randomPerson()).toList();
        ExecutorService users = Executors.newFixedThreadPool(8);
        try {
            for (Future<?> done : users.invokeAll(people.stream().<Callable<Object>>map(p -> () -> {
                lookUp("caseworker-a", p);
                return null;
            }).toList())) {
                done.get();
            }
        } finally {
            users.shutdown();
        }
        try (Connection db = database(); Statement s = db.createStatement()) {
            var rows = s.executeQuery("select count(distinct subject) from audit_entry where subject in ("
                    + people.stream().map(p -> "'" + p.urn() + "'").collect(Collectors.joining(",")) + ")");
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(people.size());
        }
        String auditor = TestStack.tokens().forUser("auditor-a");
        given().auth().oauth2(auditor).when().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true))
                .body("checked", greaterThanOrEqualTo(40))
                .body("firstBrokenId", nullValue());

        try (Connection db = database(); Statement s = db.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_entry set hits = hits + 1 where user_id = 'caseworker-a'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_entry where user_id = 'caseworker-a'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("truncate audit_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void anEntryTheDatabaseRefusesFailsOnlyItsOwnLookupNotThoseCommittedWithIt() throws Exception {
        Caller caseworker = new Caller("caseworker-a", A, Set.of(Roles.CASEWORKER), null, List.of());
        // A municipality longer than its column: the database refuses this one entry.
        Caller broken = new Caller("caseworker-a", "1234567890", Set.of(Roles.CASEWORKER), null, List.of());
        List<CompletableFuture<Void>> good = new ArrayList<>();
        List<CompletableFuture<Void>> refused = new ArrayList<>();
        CompletableFuture<Void> submitted = new CompletableFuture<>();
        // All recorded in one go on one event loop, so that they queue behind the first and go in one transaction.
        vertx.getOrCreateContext().runOnContext(ignored -> {
            for (int i = 0; i < 20; i++) {
                good.add(audit.record(lookup(caseworker, "urn:overblik:test:group-" + i)).subscribeAsCompletionStage());
                if (i == 10) {
                    refused.add(audit.record(lookup(broken, "urn:overblik:test:refused")).subscribeAsCompletionStage());
                }
            }
            submitted.complete(null);
        });
        submitted.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> refused.get(0).get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ProblemException.class);
        for (CompletableFuture<Void> entry : good) {
            entry.get(20, TimeUnit.SECONDS);
        }
        given().auth().oauth2(TestStack.tokens().forUser("auditor-a")).when().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aConnectionThatHangsFailsOnlyItsGroupWithinTheTimeoutAndLaterEntriesGoOnAnother() throws Exception {
        StackEnv env = TestStack.ensureRunning();
        Caller caseworker = new Caller("caseworker-a", A, Set.of(Roles.CASEWORKER), null, List.of());
        FreezingProxy proxy = new FreezingProxy(env.get(StackEnv.POSTGRES_HOST), Integer.parseInt(env.get(StackEnv.POSTGRES_PORT)));
        io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(4))
                .connectingTo(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(proxy.port())
                        .setDatabase("overview").setUser(env.get(StackEnv.POSTGRES_USER)).setPassword(""))
                .using(vertx).build();
        try {
            AuditLog log = new AuditLog(io.vertx.mutiny.sqlclient.Pool.newInstance(pool), Duration.ofSeconds(2));
            recordOnContext(log, lookup(caseworker, "urn:overblik:test:before-the-freeze")).get(20, TimeUnit.SECONDS);

            // The connection the first entry went on now passes nothing and stays open: no database timeout reaches it.
            proxy.freezeOpenConnections();
            long start = System.nanoTime();
            CompletableFuture<Void> hung = recordOnContext(log, lookup(caseworker, "urn:overblik:test:on-the-frozen-connection"));
            assertThatThrownBy(() -> hung.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ProblemException.class);
            // Within the group's 2 s (and some), not the lookups' own 15 s give-up.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

            // The writer is not stuck behind the hung transaction: the next entry is committed on a new connection.
            recordOnContext(log, lookup(caseworker, "urn:overblik:test:after-the-freeze")).get(20, TimeUnit.SECONDS);
        } finally {
            proxy.close();
            pool.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        given().auth().oauth2(TestStack.tokens().forUser("auditor-a")).when().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    /** Records on a Vert.x context, as a request does. */
    private CompletableFuture<Void> recordOnContext(AuditLog log, AuditLog.Lookup lookup) throws Exception {
        CompletableFuture<CompletableFuture<Void>> recorded = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> recorded.complete(log.record(lookup).subscribeAsCompletionStage()));
        return recorded.get(20, TimeUnit.SECONDS);
    }

    private static AuditLog.Lookup lookup(Caller who, String subject) {
        return new AuditLog.Lookup(who, AuditAction.PARTY_OVERVIEW, subject, null, 0, 0, UUID.randomUUID().toString(), "127.0.0.1");
    }

    @Test
    void aCaseAskedForByWhatIsNoCaseIdIsAuditedAndAnswered404WithoutEchoingIt() throws Exception {
        fixtures.grant(new EffectiveAccess(A, "caseworker-a", List.of("27"), List.of(), 2, false));
        PartyRef person = SampleCases.randomPerson();
        String cpr = person.urn().substring(person.urn().lastIndexOf(':') + 1);
        String requestId = UUID.randomUUID().toString();
        String answer = given().auth().oauth2(TestStack.tokens().forUser("caseworker-a")).header("X-Request-Id", requestId)
                .when().get("/api/v1/cases/" + cpr).then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("No such case")).extract().asString();
        assertThat(answer).doesNotContain(cpr);
        try (Connection db = database(); Statement s = db.createStatement()) {
            var rows = s.executeQuery("select action, subject, hits from audit_entry where request_id = '" + requestId + "'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("action")).isEqualTo("CASE_VIEW");
            assertThat(rows.getString("subject")).isEqualTo("case:" + cpr);
            assertThat(rows.getInt("hits")).isZero();
        }
    }

    @Test
    void aTamperedEntryBreaksTheChainAtThatEntry() throws Exception {
        fixtures.grant(new EffectiveAccess(A, "caseworker-a", List.of("27"), List.of(), 2, false));
        String requestId = UUID.randomUUID().toString();
        given().auth().oauth2(TestStack.tokens().forUser("caseworker-a")).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body("{\"party\": \"" + SampleCases.randomPerson().urn() + "\"}").when().post("/api/v1/party-overview")
                .then().statusCode(200);
        lookUp("caseworker-a", SampleCases.randomPerson());
        long id;
        try (Connection db = database(); Statement s = db.createStatement()) {
            var rows = s.executeQuery("select id from audit_entry where request_id = '" + requestId + "'");
            rows.next();
            id = rows.getLong(1);
            // What an intruder with table rights would do: switch the guard off, change an entry, switch it on.
            s.execute("alter table audit_entry disable trigger audit_entry_no_update");
            try {
                s.executeUpdate("update audit_entry set hits = 0, hidden = 7 where id = " + id);
            } finally {
                s.execute("alter table audit_entry enable trigger audit_entry_no_update");
            }
        }
        try {
            given().auth().oauth2(TestStack.tokens().forUser("auditor-a")).when().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenId", equalTo((int) id));
        } finally {
            // Later tests verify the chain too: put the entry back as it was written.
            try (Connection db = database(); Statement s = db.createStatement()) {
                s.execute("alter table audit_entry disable trigger audit_entry_no_update");
                s.executeUpdate("update audit_entry set hits = 0, hidden = 0 where id = " + id);
                s.execute("alter table audit_entry enable trigger audit_entry_no_update");
            }
        }
    }

    private static Connection database() throws SQLException {
        StackEnv env = TestStack.ensureRunning();
        return DriverManager.getConnection("jdbc:postgresql://" + env.get(StackEnv.POSTGRES_HOST) + ":"
                + env.get(StackEnv.POSTGRES_PORT) + "/overview", env.get(StackEnv.POSTGRES_USER), "");
    }
}
