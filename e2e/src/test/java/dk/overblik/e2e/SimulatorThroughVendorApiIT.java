package dk.overblik.e2e;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.party.CprBusinessEvent;
import dk.overblik.contracts.party.CprEvent;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.simulator.Ids;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.Summary;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.RestSink;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.TestStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator delivers a municipality pair through the vendor API (each source system with its
 * own vendor client, registrations in batches, deletions one by one) and the organisations to
 * org-sync; a caseworker then has access from their unit and sees a simulated citizen's cases in
 * the overview.
 */
class SimulatorThroughVendorApiIT {

    @Test
    void simulatedSourceSystemsDeliverThroughTheVendorApiAndTheOverviewShowsTheResult() {
        StackEnv env = RunningServices.env();
        Scenario scenario = new Scenario(ThreadLocalRandom.current().nextLong(), List.of(dk.overblik.simulator.Municipality.A,
                dk.overblik.simulator.Municipality.B), 40, 4, 12, 30, Scenario.DEFAULT_ANCHOR, 0.05, 0.2, 0.02, 0);
        RestSink sink = new RestSink(new RestSink.Endpoints(env.get(StackEnv.INDEXER_URL), null, env.get(StackEnv.ORGSYNC_URL),
                env.get(StackEnv.OIDC_ISSUER), Tokens.DEMO_SECRET), 4);
        Simulation simulation = new Simulation(scenario);
        Summary summary;
        try {
            summary = simulation.run(sink, Progress.silent(), RateLimiter.unlimited());
        } finally {
            sink.close();
        }
        assertThat(sink.failures()).as("records the vendor API refused").isZero();
        assertThat(summary.caseVersions()).isGreaterThan(50);

        // org-sync imported the organisation export: caseworker-a's access comes from the unit they work in.
        String caseworker = TestStack.tokens().forUser("caseworker-a");
        given().baseUri(env.get(StackEnv.ORGSYNC_URL)).auth().oauth2(caseworker).when().get("/api/v1/users/caseworker-a/access")
                .then().statusCode(200)
                .body("tenant", org.hamcrest.Matchers.equalTo(dk.overblik.simulator.Municipality.A.cvr()))
                .body("kleSources.kle", org.hamcrest.Matchers.hasItem("27.24"))
                .body("positions[0].unit.name", org.hamcrest.Matchers.notNullValue());

        // A citizen of A with a case in A that caseworker-a's access (from the organisation just imported) covers.
        io.restassured.path.json.JsonPath access = given().baseUri(env.get(StackEnv.ORGSYNC_URL)).auth().oauth2(caseworker)
                .when().get("/api/v1/users/caseworker-a/access").then().extract().jsonPath();
        List<String> kleScope = access.getList("kleScope", String.class);
        int clearance = access.getInt("clearance");
        CaseRecord open = firstCaseInA(simulation, c -> c.sensitivity().level() <= clearance
                && c.kle().subjectWithAncestors().stream().anyMatch(kleScope::contains));
        PartyRef person = open.parties().get(0).ref();
        String caseworkerA = TestStack.tokens().forUser("caseworker-a");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(given().baseUri(env.get(StackEnv.OVERVIEW_URL)).auth().oauth2(caseworkerA).contentType(ContentType.JSON)
                        .body("{\"party\": \"" + person.urn() + "\"}").when().post("/api/v1/party-overview")
                        .then().statusCode(200).extract().jsonPath().getList("cases.id", String.class))
                        .contains(open.id().toString()));

        // The showcase citizen (0101801234, an open benefit case with caseworker-a) moves out of A: advis finds the case
        // in the index, names caseworker-a from the organisation org-sync published, and the inbox shows the alert.
        String rule = given().baseUri(env.get(StackEnv.ADVIS_URL)).auth().oauth2(TestStack.tokens().forUser("advisadmin-a"))
                .contentType(ContentType.JSON)
                .body("{\"name\": \"e2e: flyttet\", \"trigger\": \"MOVED_OUT\", \"condition\": {\"kleScope\": [\"32\"], "
                        + "\"progress\": [\"OPLYST\"]}, \"message\": \"Stop ydelsen på {caseNumber}\"}")
                .when().post("/api/v1/rules").then().statusCode(201).extract().path("id");
        UUID moved = UUID.randomUUID();
        PartyRef showcase = PartyRef.cpr(Ids.cpr(0));
        given().baseUri(env.get(StackEnv.ADVIS_URL)).auth().oauth2(TestStack.tokens().forClient("cpr-distributor", Tokens.DEMO_SECRET))
                .contentType(ContentType.JSON)
                .body(Json.toBytes(new CprEvent(moved, showcase.number(), CprEvent.objekthandling(CprBusinessEvent.FLYTNING,
                        dk.overblik.simulator.Municipality.A.code(), "147"), Instant.now())))
                .when().post("/api/v1/cpr-events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(given()
                .baseUri(env.get(StackEnv.ADVIS_URL)).auth().oauth2(caseworkerA).queryParam("size", 200)
                .when().get("/api/v1/advis").then().statusCode(200).extract().jsonPath().getList("items", java.util.Map.class))
                .anySatisfy(alert -> {
                    assertThat(alert.get("triggerEventId")).isEqualTo(moved.toString());
                    assertThat(alert.get("ruleId")).isEqualTo(rule);
                    assertThat(alert.get("party")).isEqualTo(showcase.urn());
                    assertThat(alert.get("recipientUser")).isEqualTo("caseworker-a");
                    assertThat((String) alert.get("message")).startsWith("Stop ydelsen på 32.");
                }));
    }

    /** A case of a citizen of A, as its last registration left it, that {@code visible} accepts and its source did not delete. */
    private static CaseRecord firstCaseInA(Simulation simulation, java.util.function.Predicate<CaseRecord> visible) {
        for (long citizen = 0; citizen < 80; citizen++) {
            java.util.Map<java.util.UUID, CaseRecord> last = new java.util.LinkedHashMap<>();
            java.util.Set<java.util.UUID> deleted = new java.util.HashSet<>();
            for (SimRecord record : simulation.citizen(citizen)) {
                if (record instanceof SimRecord.CaseVersion c) {
                    last.merge(c.record().id(), c.record(), (a, b) -> a.registeredAt().isAfter(b.registeredAt()) ? a : b);
                } else if (record instanceof SimRecord.CaseDeletion d) {
                    deleted.add(d.deletion().id());
                }
            }
            for (CaseRecord c : last.values()) {
                if (c.tenant().equals(dk.overblik.simulator.Municipality.A.cvr()) && !deleted.contains(c.id())
                        && c.parties().get(0).ref().kind() == PartyRef.Kind.CPR && visible.test(c)) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("No simulated citizen of A has a case caseworker-a may see");
    }
}
