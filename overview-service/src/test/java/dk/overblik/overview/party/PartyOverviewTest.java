package dk.overblik.overview.party;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.overview.audit.AuditLog;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.stack.StackEnv;
import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.service.access.AccessViews;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.PublishedAccess;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.VersionType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class PartyOverviewTest {
    private static String caseworkerA;
    private static String caseworkerB;

    @Inject
    OpenSearchClient openSearch;

    @Inject
    IndexSetup indexSetup;

    @Inject
    AccessViews views;

    @BeforeAll
    static void tokens() {
        caseworkerA = TestStack.tokens().forUser("caseworker-a");
        caseworkerB = TestStack.tokens().forUser("caseworker-b");
    }

    /** Both caseworkers may see the sample cases (KLE 27.24.00, sensitivity 2), as org-sync would have published. */
    @BeforeEach
    void access() {
        for (EffectiveAccess access : List.of(
                new EffectiveAccess(SampleCases.TENANT_A, "caseworker-a", List.of("27"), List.of(), 3, false),
                new EffectiveAccess(SampleCases.TENANT_B, "caseworker-b", List.of("27"), List.of(), 3, false))) {
            if (!views.accessOf(access.tenant(), access.userId()).filter(access::equals).isPresent()) {
                PublishedAccess.publish(access);
                await().atMost(Duration.ofSeconds(20)).until(() -> views.accessOf(access.tenant(), access.userId())
                        .filter(access::equals).isPresent());
            }
        }
    }

    @Test
    void aCaseworkerSeesThePersonsCasesInTheirOwnMunicipalityOnlyNewestFirst() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord older = SampleCases.openCase(SampleCases.TENANT_A, person, "Ældre sag i A");
        CaseRecord newer = SampleCases.laterVersion(SampleCases.openCase(SampleCases.TENANT_A, person, "x"), "Nyere sag i A", 60);
        CaseRecord inB = SampleCases.openCase(SampleCases.TENANT_B, person, "Sag i B");
        CaseRecord someoneElse = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "En andens sag");
        index(List.of(IndexedCase.of(older), IndexedCase.of(newer), IndexedCase.of(inB), IndexedCase.of(someoneElse)));

        lookup(caseworkerA, person.urn())
                .then().statusCode(200)
                .body("cases.title", contains("Nyere sag i A", "Ældre sag i A"))
                .body("cases[0].sourceSystem", equalTo("esdh"))
                .body("cases[0].kle.subject", equalTo("27.24.00"))
                .body("cases[0].progress", equalTo("OPLYST"))
                .body("total", equalTo(2));

        lookup(caseworkerB, person.urn())
                .then().statusCode(200)
                .body("cases.title", contains("Sag i B"));
    }

    @Test
    void deletedCasesAreNotShown() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, person, "Slettet sag");
        index(List.of(IndexedCase.tombstone(new Deletion(c.id(), c.tenant(), c.sourceSystem(), c.registeredAt().plusSeconds(1)))));

        lookup(caseworkerA, person.urn()).then().statusCode(200).body("cases", empty());
    }

    @Test
    void everyLookupIsAuditedBeforeTheAnswerLeaves() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        index(List.of(IndexedCase.of(SampleCases.openCase(SampleCases.TENANT_A, person, "Revideret sag"))));
        String requestId = UUID.randomUUID().toString();

        given().auth().oauth2(caseworkerA).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body("{\"party\": \"" + person.urn() + "\"}")
                .when().post("/api/v1/party-overview")
                .then().statusCode(200);

        try (Connection db = database(); PreparedStatement q = db.prepareStatement(
                "select user_id, municipality, action, subject, hits, roles from audit_entry where request_id = ?")) {
            q.setString(1, requestId);
            try (ResultSet row = q.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("user_id")).isEqualTo("caseworker-a");
                assertThat(row.getString("municipality")).isEqualTo(SampleCases.TENANT_A);
                assertThat(row.getString("action")).isEqualTo("PARTY_OVERVIEW");
                assertThat(row.getString("subject")).isEqualTo(person.urn());
                assertThat(row.getInt("hits")).isEqualTo(1);
                assertThat(row.getString("roles")).isEqualTo("caseworker");
            }
        }
    }

    @Test
    void whenTheAuditLogCannotBeWrittenTheLookupFailsAndShowsNothing() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        index(List.of(IndexedCase.of(SampleCases.openCase(SampleCases.TENANT_A, person, "Hemmelig sag"))));
        try (Connection db = database(); Statement s = db.createStatement()) {
            s.execute("alter table audit_entry rename to audit_entry_unavailable");
            try {
                lookup(caseworkerA, person.urn())
                        .then().statusCode(503)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:overblik:problem:audit-unavailable"))
                        .body("cases", nullValue())
                        .body(not(org.hamcrest.Matchers.containsString("Hemmelig sag")));
            } finally {
                s.execute("alter table audit_entry_unavailable rename to audit_entry");
            }
        }
    }

    @Test
    void whileAnotherWriterHoldsTheAuditChainLookupsFailWithinTheLockTimeoutNotOneAfterAnother() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        index(List.of(IndexedCase.of(SampleCases.openCase(SampleCases.TENANT_A, person, "Hemmelig sag"))));
        ExecutorService users = Executors.newFixedThreadPool(3);
        try (Connection db = database(); Statement s = db.createStatement()) {
            s.execute("select pg_advisory_lock(" + AuditLog.CHAIN_LOCK + ")"); // a writer that hangs, holding the chain
            try {
                List<Future<Long>> lookups = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    lookups.add(users.submit(() -> {
                        long started = System.nanoTime();
                        lookup(caseworkerA, person.urn()).then().statusCode(503)
                                .body("type", equalTo("urn:overblik:problem:audit-unavailable"))
                                .body(not(org.hamcrest.Matchers.containsString("Hemmelig sag")));
                        return (System.nanoTime() - started) / 1_000_000;
                    }));
                }
                // The 5 s lock timeout per group, at most two groups in turn; not 5 s more per lookup, nor the 15 s give-up.
                for (Future<Long> lookup : lookups) {
                    assertThat(lookup.get(30, TimeUnit.SECONDS)).isBetween(4_000L, 13_000L);
                }
            } finally {
                s.execute("select pg_advisory_unlock(" + AuditLog.CHAIN_LOCK + ")");
            }
        } finally {
            users.shutdown();
        }
        lookup(caseworkerA, person.urn()).then().statusCode(200);
    }

    @Test
    void aPartyMustBeAWellFormedReference() {
        given().auth().oauth2(caseworkerA).contentType(ContentType.JSON).body("{\"party\": \"urn:oio:cpr-nr:3213\"}")
                .when().post("/api/v1/party-overview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("party"))
                .body("violations[0].code", equalTo("BAD_PARTY_REF"));
    }

    @Test
    void onlyCaseworkersAndCallCentreStaffMayLookUp() {
        String body = "{\"party\": \"" + SampleCases.randomPerson().urn() + "\"}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/party-overview")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokens().forDemoVendor()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/party-overview")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static io.restassured.response.Response lookup(String token, String party) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"party\": \"" + party + "\"}")
                .when().post("/api/v1/party-overview");
    }

    private void index(List<IndexedCase> docs) throws Exception {
        indexSetup.ensure(CaseIndex.DEFINITION).await().atMost(Duration.ofSeconds(60));
        openSearch.bulk(b -> {
            b.index(CaseIndex.WRITE_ALIAS).refresh(Refresh.True);
            docs.forEach(doc -> b.operations(op -> op.index(i -> i.id(IndexedCase.documentId(doc.tenant(), doc.id()))
                    .version(RegistrationVersion.of(doc.registeredAt())).versionType(VersionType.External).document(doc))));
            return b;
        });
    }

    private static Connection database() throws SQLException {
        StackEnv env = TestStack.ensureRunning();
        return DriverManager.getConnection("jdbc:postgresql://" + env.get(StackEnv.POSTGRES_HOST) + ":"
                + env.get(StackEnv.POSTGRES_PORT) + "/overview", env.get(StackEnv.POSTGRES_USER), "");
    }
}
