package dk.overblik.e2e;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.stack.StackEnv;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The walking skeleton end to end: the four packaged services run as processes on the real test
 * stack; a vendor system pushes a case with a real Keycloak token, and it reaches a caseworker of
 * that municipality within seconds and never one of the other municipality.
 */
class WalkingSkeletonIT {
    private static StackEnv env;
    private static Tokens tokens;

    @BeforeAll
    static void startServices() {
        env = RunningServices.env();
        tokens = TestStack.tokens();
        // Access comes from org-sync: the demo organisation gives both caseworkers KLE 27.24.
        Organisations.deliverDemo(env);
    }

    @Test
    void aCasePushedByAVendorReachesTheCaseworkerOfItsMunicipalityOnly() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord inA = SampleCases.openCase(env.get(StackEnv.TENANT_A), person, "Ansøgning om boligstøtte");
        CaseRecord inB = SampleCases.openCase(env.get(StackEnv.TENANT_B), person, "Ansøgning om boligstøtte i B");
        String vendor = tokens.forDemoVendor();

        long sent = System.nanoTime();
        for (CaseRecord c : List.of(inA, inB)) {
            given().baseUri(env.get(StackEnv.INDEXER_URL)).auth().oauth2(vendor).contentType(ContentType.JSON)
                    .body(Json.toBytes(c)).when().post("/api/v1/cases").then().statusCode(202);
        }

        String caseworkerA = tokens.forUser("caseworker-a");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(overview(caseworkerA, person).jsonPath().getList("cases.id", String.class))
                        .containsExactly(inA.id().toString()));
        System.out.printf("[e2e] case visible to caseworker-a %d ms after it was sent%n", (System.nanoTime() - sent) / 1_000_000);

        Response a = overview(caseworkerA, person);
        a.then().body("cases[0].caseNumber", equalTo(inA.caseNumber()))
                .body("cases[0].title", equalTo("Ansøgning om boligstøtte"))
                .body("cases[0].kle.subject", equalTo("27.24.00"))
                .body("cases[0].kle.facet", equalTo("G01"))
                .body("cases[0].progress", equalTo("OPLYST"))
                .body("cases[0].sourceSystem", equalTo("esdh"));

        // caseworker-b sees B's case (so the index is current) and never A's.
        String caseworkerB = tokens.forUser("caseworker-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(overview(caseworkerB, person).jsonPath().getList("cases.id", String.class))
                        .containsExactly(inB.id().toString()));
    }

    @Test
    void withoutATokenNothingIsAnswered() {
        given().baseUri(env.get(StackEnv.OVERVIEW_URL)).contentType(ContentType.JSON)
                .body("{\"party\": \"" + SampleCases.randomPerson().urn() + "\"}")
                .when().post("/api/v1/party-overview")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void everyServiceServesHealthMetricsAndOpenApi() {
        for (String key : List.of(StackEnv.INDEXER_URL, StackEnv.OVERVIEW_URL, StackEnv.ADVIS_URL, StackEnv.ORGSYNC_URL)) {
            String url = env.get(key);
            given().baseUri(url).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(url).when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
            given().baseUri(url).when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        }
    }

    private static Response overview(String token, PartyRef person) {
        return given().baseUri(env.get(StackEnv.OVERVIEW_URL)).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"party\": \"" + person.urn() + "\"}")
                .when().post("/api/v1/party-overview");
    }
}
