package dk.overblik.indexer.ingest;

import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.indexer.Indexed;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.testsupport.KafkaProbe;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class IngestApiTest {
    private static String vendor;

    @Inject
    OpenSearchClient openSearch;

    @BeforeAll
    static void token() {
        vendor = TestStack.tokens().forDemoVendor();
    }

    @Test
    void aBatchIsAcceptedWholeAndEveryCaseIsIndexed() {
        List<CaseRecord> cases = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            cases.add(SampleCases.openCase(i % 2 == 0 ? SampleCases.TENANT_A : SampleCases.TENANT_B, SampleCases.randomPerson(), "Batch " + i));
        }
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(cases))
                .when().post("/api/v1/cases/batch")
                .then().statusCode(202).body("accepted", equalTo(25));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cases).allSatisfy(c -> assertThat(Indexed.aCase(openSearch, c.tenant(), c.id())).isPresent()));
    }

    @Test
    void oneBadRecordRefusesTheWholeBatchWithItsPositionAndNothingIsPublished() {
        List<Object> batch = new ArrayList<>();
        batch.add(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "God"));
        var bad = Json.mapper().valueToTree(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Dårlig"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("kle")).put("subject", "27.24");
        batch.add(bad);
        long before = KafkaProbe.endOffsetSum(Topics.CASES);

        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(batch))
                .when().post("/api/v1/cases/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("[1].kle.subject"));

        assertThat(KafkaProbe.endOffsetSum(Topics.CASES)).isEqualTo(before);
    }

    @Test
    void aBatchHoldsAtMostAThousandRecords() {
        List<CaseRecord> tooMany = new ArrayList<>();
        CaseRecord one = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "x");
        for (int i = 0; i < 1001; i++) {
            tooMany.add(one);
        }
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(tooMany))
                .when().post("/api/v1/cases/batch")
                .then().statusCode(400).body("violations[0].code", equalTo("TOO_MANY"));
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/cases/batch")
                .then().statusCode(400).body("violations[0].code", equalTo("WRONG_TYPE"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/cases/batch")
    java.net.URL batchUrl;

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        // Announce 9 MB and send none of it: the answer must come from the headers alone.
        try (java.net.Socket socket = new java.net.Socket(batchUrl.getHost(), batchUrl.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST " + batchUrl.getPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + vendor
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (9 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void documentsAreAcceptedSinglyAndInBatchesAndIndexedWithTheirCases() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Med dokumenter");
        DocumentRecord one = SampleCases.documentOn("Ansøgning", c);
        DocumentRecord two = SampleCases.documentOn("Afgørelse", c);
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(c)).when().post("/api/v1/cases").then().statusCode(202);
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(one)).when().post("/api/v1/documents").then().statusCode(202);
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(List.of(two)))
                .when().post("/api/v1/documents/batch").then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (DocumentRecord d : List.of(one, two)) {
                assertThat(Indexed.aDocument(openSearch, d.tenant(), d.id()).orElseThrow().cases().get(0).known()).isTrue();
            }
        });
    }

    @Test
    void aDeletionNeedsItsTimeAndTenantAndRemovesTheCase() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Slettes via API");
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(c)).when().post("/api/v1/cases").then().statusCode(202);

        given().auth().oauth2(vendor).when().delete("/api/v1/cases/" + c.id() + "?tenant=" + c.tenant())
                .then().statusCode(400).body("violations.field", hasItem("registeredAt"));
        // The demo vendor serves two municipalities, so it must say which.
        given().auth().oauth2(vendor).when().delete("/api/v1/cases/" + c.id() + "?registeredAt=" + c.registeredAt().plusSeconds(5))
                .then().statusCode(400).body("violations.field", hasItem("tenant"));
        given().auth().oauth2(vendor).when().delete("/api/v1/cases/not-a-uuid?registeredAt=" + Instant.now() + "&tenant=" + c.tenant())
                .then().statusCode(400).body("violations.field", hasItem("id"));
        // As strict as a record body: UUID.fromString would read this short form.
        given().auth().oauth2(vendor).when().delete("/api/v1/cases/1-2-3-4-5?registeredAt=" + Instant.now() + "&tenant=" + c.tenant())
                .then().statusCode(400).body("violations.field", hasItem("id"));

        given().auth().oauth2(vendor)
                .when().delete("/api/v1/cases/" + c.id() + "?registeredAt=" + c.registeredAt().plusSeconds(5) + "&tenant=" + c.tenant())
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(Indexed.aCase(openSearch, c.tenant(), c.id()).orElseThrow().deleted()).isTrue());
    }

    @Test
    void aVendorSystemCannotOverwriteOrDeleteAnotherSourceSystemsRecordEvenKnowingItsId() {
        CaseRecord esdhCase = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "ESDH's sag");
        DocumentRecord esdhDocument = SampleCases.documentOn("ESDH's dokument", esdhCase);
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(esdhCase)).when().post("/api/v1/cases")
                .then().statusCode(202);
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(esdhDocument)).when().post("/api/v1/documents")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Indexed.aCase(openSearch, esdhCase.tenant(), esdhCase.id())
                .isPresent() && Indexed.aDocument(openSearch, esdhDocument.tenant(), esdhDocument.id()).isPresent());
        long casesBefore = KafkaProbe.endOffsetSum(Topics.CASES);
        long documentsBefore = KafkaProbe.endOffsetSum(Topics.DOCUMENTS);

        // The jobcenter system also writes for municipality A: its own records under ESDH's ids, newer, are refused.
        String jobcenter = TestStack.tokens().forClient(Tokens.vendorClient("jobcenter"), Tokens.DEMO_SECRET);
        CaseRecord takeover = asJobcenter(SampleCases.laterVersion(esdhCase, "Overtaget", 60));
        given().auth().oauth2(jobcenter).contentType(ContentType.JSON).body(Json.toBytes(takeover)).when().post("/api/v1/cases")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("The case has an id of records another source system indexed"));
        CaseRecord ownCase = asJobcenter(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Jobcenterets sag"));
        given().auth().oauth2(jobcenter).contentType(ContentType.JSON).body(Json.toBytes(List.of(ownCase, takeover)))
                .when().post("/api/v1/cases/batch")
                .then().statusCode(403).body("detail", org.hamcrest.Matchers.startsWith("Records [1] have ids"));
        DocumentRecord documentTakeover = new DocumentRecord(esdhDocument.id(), esdhDocument.tenant(), "jobcenter", List.of(ownCase.id()),
                esdhDocument.documentNumber(), "Overtaget", esdhDocument.type(), esdhDocument.letterDate(), esdhDocument.sensitivity(),
                esdhDocument.parties(), esdhDocument.registeredAt().plusSeconds(60), null);
        given().auth().oauth2(jobcenter).contentType(ContentType.JSON).body(Json.toBytes(documentTakeover)).when().post("/api/v1/documents")
                .then().statusCode(403);
        given().auth().oauth2(jobcenter).when().delete("/api/v1/cases/" + esdhCase.id() + "?registeredAt="
                + esdhCase.registeredAt().plusSeconds(60) + "&tenant=" + esdhCase.tenant()).then().statusCode(403);
        given().auth().oauth2(jobcenter).when().delete("/api/v1/documents/" + esdhDocument.id() + "?registeredAt="
                + esdhDocument.registeredAt().plusSeconds(60) + "&tenant=" + esdhDocument.tenant()).then().statusCode(403);
        assertThat(KafkaProbe.endOffsetSum(Topics.CASES)).isEqualTo(casesBefore);
        assertThat(KafkaProbe.endOffsetSum(Topics.DOCUMENTS)).isEqualTo(documentsBefore);

        // The owner still updates its own record, and the same id in the other municipality is another record.
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(SampleCases.laterVersion(esdhCase, "Opdateret", 30)))
                .when().post("/api/v1/cases").then().statusCode(202);
        CaseRecord sameIdElsewhere = new CaseRecord(esdhCase.id(), SampleCases.TENANT_B, "jobcenter", esdhCase.caseNumber(),
                "Samme id, anden kommune", null, null, esdhCase.kle(), esdhCase.progress(), null, esdhCase.sensitivity(), esdhCase.parties(),
                esdhCase.responsibleUnit(), null, esdhCase.openedAt(), null, esdhCase.registeredAt(), null);
        given().auth().oauth2(jobcenter).contentType(ContentType.JSON).body(Json.toBytes(sameIdElsewhere)).when().post("/api/v1/cases")
                .then().statusCode(202);
    }

    private static CaseRecord asJobcenter(CaseRecord c) {
        return new CaseRecord(c.id(), c.tenant(), "jobcenter", c.caseNumber(), c.title(), c.titleAlternative(), c.description(), c.kle(),
                c.progress(), c.sourceStatus(), c.sensitivity(), c.parties(), c.responsibleUnit(), c.primaryCaseworker(), c.openedAt(),
                c.closedAt(), c.registeredAt(), c.deepLink());
    }

    @Test
    void theQualityReportCountsAcceptedAndRefusedRecordsPerSourceSystem() {
        JsonPath before = quality(vendor);
        var bad = Json.mapper().valueToTree(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Dårlig KLE"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("kle")).put("subject", "99");
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(bad)).when().post("/api/v1/cases").then().statusCode(400);
        CaseRecord good = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "God");
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(good)).when().post("/api/v1/cases").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(Indexed.aCase(openSearch, good.tenant(), good.id())).isPresent());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath after = quality(vendor);
            assertThat(count(after, "rejectedByReason.'BAD_KLE_SUBJECT kle.subject'")).isEqualTo(count(before, "rejectedByReason.'BAD_KLE_SUBJECT kle.subject'") + 1);
            assertThat(count(after, "accepted")).isGreaterThan(count(before, "accepted"));
            assertThat(after.getString("rows.find { it.tenant == '55133018' && it.sourceSystem == 'esdh' }.lastAcceptedAt")).isNotNull();
        });
        // An admin sees the rows of their own municipality only.
        JsonPath admin = quality(TestStack.tokens().forUser("admin-a"));
        assertThat(admin.getList("rows.tenant", String.class)).isNotEmpty().containsOnly(SampleCases.TENANT_A);
        // A caseworker may not see it.
        given().auth().oauth2(TestStack.tokens().forUser("caseworker-a")).when().get("/api/v1/ingest/quality").then().statusCode(403);
    }

    @Test
    void theIndexersMetricsAreExposed() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("overblik_indexer_records_consumed_total", "overblik_indexer_records_indexed_total",
                "overblik_indexer_bulk_seconds", "kafka_consumer_fetch_manager_records_lag");
    }

    private static JsonPath quality(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/ingest/quality").then().statusCode(200).extract().jsonPath();
    }

    private static long count(JsonPath report, String field) {
        Object value = report.get("rows.find { it.tenant == '55133018' && it.sourceSystem == 'esdh' }." + field);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
