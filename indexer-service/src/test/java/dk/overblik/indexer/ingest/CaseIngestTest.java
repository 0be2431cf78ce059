package dk.overblik.indexer.ingest;

import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.testsupport.KafkaProbe;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.SearchResponse;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class CaseIngestTest {
    private static String vendorToken;

    @Inject
    OpenSearchClient openSearch;

    @BeforeAll
    static void tokens() {
        vendorToken = TestStack.tokens().forDemoVendor();
    }

    @Test
    void aValidCaseIsAcceptedPublishedAndIndexed() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Ansøgning om boligstøtte");

        given().auth().oauth2(vendorToken).contentType(ContentType.JSON).body(Json.toBytes(c))
                .when().post("/api/v1/cases")
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<IndexedCase> found = indexed(c);
            assertThat(found).singleElement().satisfies(doc -> {
                assertThat(doc.title()).isEqualTo("Ansøgning om boligstøtte");
                assertThat(doc.kleScope()).containsExactly("27", "27.24", "27.24.00");
                assertThat(doc.partyRefs()).containsExactly(c.parties().get(0).ref().urn());
                assertThat(doc.deleted()).isFalse();
            });
        });
    }

    @Test
    void anInvalidCaseGetsAProblemWithEveryFieldAndNothingIsPublished() {
        long before = KafkaProbe.endOffsetSum(Topics.CASES);
        String body = """
                {"id": "not-a-uuid", "tenant": "55133018", "sourceSystem": "esdh", "caseNumber": "1",
                 "title": "x", "kle": {"subject": "27.24", "facet": "G01"}, "progress": "OPLYST",
                 "sensitivity": "FORTROLIGE_PERSONOPLYSNINGER", "parties": [{"role": "PRIMARY", "ref": "urn:oio:cpr-nr:123"}],
                 "responsibleUnit": "9a1b2c3d-0000-4000-8000-000000000001", "openedAt": "2024-03-01T09:00:00Z",
                 "registeredAt": "2024-03-05T10:15:30Z"}""";

        given().auth().oauth2(vendorToken).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/cases")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItems("id", "kle.subject", "parties[0].ref"))
                .body("violations.code", hasItems("BAD_UUID", "BAD_KLE_SUBJECT", "BAD_PARTY_REF"));

        assertThat(KafkaProbe.endOffsetSum(Topics.CASES)).isEqualTo(before);
    }

    @Test
    void malformedJsonIsAProblemToo() {
        given().auth().oauth2(vendorToken).contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/api/v1/cases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "x");
        given().contentType(ContentType.JSON).body(Json.toBytes(c))
                .when().post("/api/v1/cases")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void aVendorWritesOnlyItsOwnSourceSystemAndMunicipalities() {
        CaseRecord other = withSourceSystem(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "x"), "kmd-sag");
        given().auth().oauth2(vendorToken).contentType(ContentType.JSON).body(Json.toBytes(other))
                .when().post("/api/v1/cases")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:overblik:problem:outside-vendor-scope"));

        // 10103940 is a valid CVR, but not one of the demo vendor's municipalities.
        CaseRecord elsewhere = SampleCases.openCase("10103940", SampleCases.randomPerson(), "x");
        given().auth().oauth2(vendorToken).contentType(ContentType.JSON).body(Json.toBytes(elsewhere))
                .when().post("/api/v1/cases")
                .then().statusCode(403);
    }

    @Test
    void aCaseworkerCannotPushCases() {
        String caseworker = TestStack.tokens().forUser("caseworker-a", Tokens.DEMO_PASSWORD);
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "x");
        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body(Json.toBytes(c))
                .when().post("/api/v1/cases")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private List<IndexedCase> indexed(CaseRecord c) throws java.io.IOException {
        SearchResponse<IndexedCase> response = openSearch.search(s -> s.index(CaseIndex.READ_ALIAS)
                .query(q -> q.ids(i -> i.values(IndexedCase.documentId(c.tenant(), c.id())))), IndexedCase.class);
        return response.hits().hits().stream().map(h -> h.source()).toList();
    }

    private static CaseRecord withSourceSystem(CaseRecord c, String sourceSystem) {
        return new CaseRecord(c.id(), c.tenant(), sourceSystem, c.caseNumber(), c.title(), c.titleAlternative(), c.description(),
                c.kle(), c.progress(), c.sourceStatus(), c.sensitivity(), c.parties(), c.responsibleUnit(), c.primaryCaseworker(),
                c.openedAt(), c.closedAt(), c.registeredAt(), c.deepLink());
    }
}
