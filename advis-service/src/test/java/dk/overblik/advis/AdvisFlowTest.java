package dk.overblik.advis;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.org.OrgUserState;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.record.PartyRole;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;
import dk.overblik.service.access.AccessViews;
import dk.overblik.testsupport.Fixtures;
import dk.overblik.testsupport.KafkaProbe;
import dk.overblik.testsupport.PublishedRecords;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.PublishedAccess;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * CPR events and case events to alerts and the inbox, against real Kafka, OpenSearch, PostgreSQL
 * and Keycloak. Rules are created through the API by the advis administrator; assertions look at
 * this test's rules only, since the test database outlives one run.
 */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class AdvisFlowTest {
    static final String A = SampleCases.TENANT_A;
    static final UUID UNIT = UUID.randomUUID();
    static final UUID CASEWORKER_A = UUID.randomUUID();
    static final UUID CASEWORKER_X = UUID.randomUUID();
    static final String LOGIN_X = "caseworker-x-" + UUID.randomUUID();
    static final EffectiveAccess ACCESS_A = new EffectiveAccess(A, "caseworker-a", List.of("32"), List.of(UNIT.toString()), 3, false);
    static final Duration WAIT = Duration.ofSeconds(60);

    static UUID movedOutRule;
    static UUID diedRule;
    static UUID newCaseRule;

    @Inject
    Fixtures fixtures;
    @Inject
    AccessViews views;
    @Inject
    Pool pool;
    @TestHTTPResource("/api/v1/advis/stream")
    URI streamUri;

    record StoredAlert(UUID id, UUID caseId, String recipientUser, UUID recipientUnit, String message, String party) {
    }

    @BeforeEach
    void organisationAccessAndRules() {
        if (views.employeeByLogin(A, "caseworker-a").filter(u -> u.uuid().equals(CASEWORKER_A)).isEmpty()) {
            PublishedAccess.publish(new OrgUnitState(A, UNIT, "ydelser", "Ydelser", null, List.of("32"), List.of()));
            PublishedAccess.publish(new OrgUserState(A, CASEWORKER_A, "caseworker-a", "Anna Sagsbehandler", List.of(UNIT)));
            PublishedAccess.publish(new OrgUserState(A, CASEWORKER_X, LOGIN_X, "Xenia Sagsbehandler", List.of(UUID.randomUUID())));
            await().atMost(WAIT).until(() -> views.employeeByLogin(A, "caseworker-a").filter(u -> u.uuid().equals(CASEWORKER_A))
                    .isPresent() && views.employee(A, CASEWORKER_X).isPresent());
        }
        fixtures.grant(ACCESS_A);
        if (movedOutRule == null) {
            movedOutRule = createRule("""
                    { "name": "Flyttet: stop ydelsen", "trigger": "MOVED_OUT",
                      "condition": { "kleScope": ["32", "27.24"], "progress": ["OPSTAAET", "OPLYST", "AFGJORT"] },
                      "message": "Stop ydelsen på {caseNumber} ({caseTitle}); flyttet til {currentMunicipality} pr. {effectiveAt}" }""");
            diedRule = createRule("""
                    { "name": "Død: stop udbetalinger", "trigger": "DIED",
                      "condition": { "progress": ["OPSTAAET", "OPLYST", "AFGJORT"] }, "message": "Stop udbetalinger på {caseNumber}" }""");
            newCaseRule = createRule("""
                    { "name": "Ny sag i et andet system", "trigger": "CASE_OPENED",
                      "condition": { "sourceSystems": ["ydelse"], "progress": ["OPLYST"], "otherSourceSystem": true },
                      "message": "Ny sag i {triggerSourceSystem}: {triggerCaseTitle}. Din sag: {caseNumber}" }""");
        }
    }

    @Test
    void movingOutWithTwoOpenBenefitCasesAlertsEachCaseworkerOnceHoweverOftenDelivered() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord benefitA = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        CaseRecord benefitX = caseOf(person, "ydelse", "27.24.00", Progress.OPLYST, CASEWORKER_X, "Boligstøtte");
        CaseRecord closed = caseOf(person, "ydelse", "32.06.00", Progress.AFSLUTTET, CASEWORKER_A, "Folkepension");
        CaseRecord notBenefit = caseOf(person, "esdh", "02.34.02", Progress.OPLYST, CASEWORKER_A, "Byggetilladelse");
        fixtures.indexCases(benefitA, benefitX, closed, notBenefit);

        UUID moved = postCprEvent(person, "Flytning", "751", "706");
        await().atMost(WAIT).until(() -> alerts(moved, movedOutRule).size() == 2);
        List<StoredAlert> alerts = alerts(moved, movedOutRule);
        assertThat(alerts).extracting(StoredAlert::caseId).containsExactlyInAnyOrder(benefitA.id(), benefitX.id());
        StoredAlert toA = alerts.stream().filter(a -> a.caseId().equals(benefitA.id())).findFirst().orElseThrow();
        assertThat(toA.recipientUser()).isEqualTo("caseworker-a");
        assertThat(toA.message()).contains(benefitA.caseNumber()).contains("Kontanthjælp").contains("706");
        assertThat(toA.party()).isEqualTo(person.urn());
        assertThat(alerts.stream().filter(a -> a.caseId().equals(benefitX.id())).findFirst().orElseThrow().recipientUser())
                .isEqualTo(LOGIN_X);

        // The same event again, then a later one for the same person (same partition): once the later one has its
        // alerts, the repeat has been processed too, and it added nothing.
        postCprEvent(person, moved, "Flytning", "751", "706");
        UUID died = postCprEvent(person, "Doedsfald", "706", "706");
        await().atMost(WAIT).until(() -> alerts(died, diedRule).size() == 3);
        assertThat(alerts(moved, movedOutRule)).hasSize(2);

        await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaProbe.recordsWithKey(Topics.ADVIS, A + "/caseworker-a",
                Duration.ofSeconds(2))).anySatisfy(r -> {
                    assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo(EventTypes.ADVIS_RAISED);
                    assertThat(Json.mapper().readTree(r.value()).path("id").asText()).isEqualTo(toA.id().toString());
                }));
    }

    @Test
    void movingWithinTheMunicipalityRaisesNothing() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord benefit = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        fixtures.indexCases(benefit);

        UUID within = postCprEvent(person, "Flytning", "751", "751");
        UUID died = postCprEvent(person, "Doedsfald", "751", "751");
        await().atMost(WAIT).until(() -> alerts(died, diedRule).size() == 1);
        assertThat(alertsOfEvent(within)).isZero();
    }

    @Test
    void theInboxShowsOnlyAlertsOnCasesTheCallerMaySeeAndMarksThemDoneInBulk() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord visible = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        CaseRecord outsideScope = caseOf(person, "ydelse", "27.24.00", Progress.OPLYST, CASEWORKER_A, "Boligstøtte");
        CaseRecord toTheUnit = caseOf(person, "ydelse", "32.18.08", Progress.OPSTAAET, null, "Personligt tillæg");
        fixtures.indexCases(visible, outsideScope, toTheUnit);

        UUID moved = postCprEvent(person, "Flytning", "751", "147");
        await().atMost(WAIT).until(() -> alerts(moved, movedOutRule).size() == 3);
        Map<UUID, UUID> alertByCase = new HashMap<>();
        alerts(moved, movedOutRule).forEach(a -> alertByCase.put(a.caseId(), a.id()));
        StoredAlert unitAlert = alerts(moved, movedOutRule).stream().filter(a -> a.caseId().equals(toTheUnit.id())).findFirst()
                .orElseThrow();
        assertThat(unitAlert.recipientUser()).isNull();
        assertThat(unitAlert.recipientUnit()).isEqualTo(UNIT);

        List<String> inNew = inbox("NEW");
        assertThat(inNew).contains(alertByCase.get(visible.id()).toString(), alertByCase.get(toTheUnit.id()).toString())
                .doesNotContain(alertByCase.get(outsideScope.id()).toString());

        given().auth().oauth2(caseworker()).contentType(ContentType.JSON).body(Map.of("status", "SEEN"))
                .when().put("/api/v1/advis/" + alertByCase.get(visible.id()) + "/status")
                .then().statusCode(200).body("status", equalTo("SEEN"));
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(caseworker()).contentType(ContentType.JSON)
                .body(Map.of("status", "DONE", "ids", List.of(alertByCase.get(visible.id()), alertByCase.get(toTheUnit.id()),
                        alertByCase.get(outsideScope.id()), unknown)))
                .when().post("/api/v1/advis/bulk")
                .then().statusCode(200).body("updated", equalTo(2)).body("unchanged", equalTo(0))
                .body("notFound.size()", equalTo(2));
        assertThat(inbox("DONE")).contains(alertByCase.get(visible.id()).toString(), alertByCase.get(toTheUnit.id()).toString());
        assertThat(inbox("NEW")).doesNotContain(alertByCase.get(visible.id()).toString());

        // Done stays done; the hidden alert cannot be touched one at a time either.
        given().auth().oauth2(caseworker()).contentType(ContentType.JSON).body(Map.of("status", "SEEN"))
                .when().put("/api/v1/advis/" + alertByCase.get(visible.id()) + "/status")
                .then().statusCode(200).body("status", equalTo("DONE"));
        given().auth().oauth2(caseworker()).contentType(ContentType.JSON).body(Map.of("status", "SEEN"))
                .when().put("/api/v1/advis/" + alertByCase.get(outsideScope.id()) + "/status")
                .then().statusCode(404).contentType("application/problem+json");
        String handled = alertByCase.get(visible.id()).toString();
        await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaProbe.recordsWithKey(Topics.ADVIS, A + "/caseworker-a",
                Duration.ofSeconds(2))).anySatisfy(r -> {
                    assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo(EventTypes.ADVIS_HANDLED);
                    assertThat(Json.mapper().readTree(r.value()).path("id").asText()).isEqualTo(handled);
                    assertThat(Json.mapper().readTree(r.value()).path("status").asText()).isEqualTo("DONE");
                }).anySatisfy(r -> {
                    assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo(EventTypes.ADVIS_HANDLED);
                    assertThat(Json.mapper().readTree(r.value()).path("id").asText()).isEqualTo(handled);
                    assertThat(Json.mapper().readTree(r.value()).path("status").asText()).isEqualTo("SEEN");
                }));
    }

    @Test
    void aNewCaseInAnotherSystemAlertsTheCaseworkerOfTheBenefit() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord benefit = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        CaseRecord sameSystem = caseOf(person, "ydelse", "32.06.00", Progress.OPLYST, CASEWORKER_A, "Folkepension");
        fixtures.indexCases(benefit, sameSystem);
        CaseRecord opened = caseOf(person, "jobcenter", "15.20.00", Progress.OPSTAAET, null, "Sygedagpenge");
        fixtures.indexCases(opened);
        UUID trigger = PublishedRecords.publish(opened);

        await().atMost(WAIT).until(() -> !alerts(trigger, newCaseRule).isEmpty());
        // Also in the same source system as the benefit: both ydelse cases hear of it, the new case itself does not.
        List<StoredAlert> alerts = alerts(trigger, newCaseRule);
        assertThat(alerts).extracting(StoredAlert::caseId).containsExactlyInAnyOrder(benefit.id(), sameSystem.id());
        assertThat(alerts.get(0).message()).contains("jobcenter").contains("Sygedagpenge");

        // The same registration again changes nothing, and the consumer goes on: a later new case on the same
        // partition gets its alerts.
        PublishedRecords.publish(opened);
        CaseRecord later = newChildCaseBehind(opened, person);
        UUID laterTrigger = PublishedRecords.publish(later);
        await().atMost(WAIT).until(() -> alerts(laterTrigger, newCaseRule).size() == 2);
        assertThat(alerts(trigger, newCaseRule)).hasSize(2);
    }

    @Test
    void aCaseRegisteredLongAfterItWasPublishedIsSkippedAsTheIndexerDeadLettersIt() {
        PartyRef person = SampleCases.randomPerson();
        indexedBenefitOf(person);
        // Registered now, but stamped an hour ago: an hour after its publication, which no consumer accepts.
        CaseRecord stampedEarlier = newJobcentreCaseOf(person);
        UUID skipped = PublishedRecords.publish(stampedEarlier, Instant.now().minus(Duration.ofHours(1)));
        CaseRecord later = newChildCaseBehind(stampedEarlier, person);
        UUID laterTrigger = PublishedRecords.publish(later);

        await().atMost(WAIT).until(() -> alerts(laterTrigger, newCaseRule).size() == 1);
        assertThat(alerts(skipped, newCaseRule)).isEmpty();
    }

    @Test
    void aCaseEventWhoseIdIsNoUuidOrMissingStillRaisesItsAlertsOnce() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord benefit = indexedBenefitOf(person);
        // A vendor publishing straight to Kafka: CloudEvents ids may be any text, and this one sends none at all.
        CaseRecord namedId = newJobcentreCaseOf(person);
        publishCaseWithId(namedId, "jobcenter-event-42");
        publishCaseWithId(namedId, "jobcenter-event-42");
        CaseRecord noId = newChildCaseBehind(namedId, person);
        publishCaseWithId(noId, null);

        UUID namedTrigger = UUID.nameUUIDFromBytes((EventTypes.sourceOf(A, "jobcenter") + "|jobcenter-event-42")
                .getBytes(StandardCharsets.UTF_8));
        UUID derivedTrigger = PublishedRecords.eventId(noId);
        await().atMost(WAIT).until(() -> alerts(derivedTrigger, newCaseRule).size() == 1);
        assertThat(alerts(namedTrigger, newCaseRule)).singleElement()
                .satisfies(alert -> assertThat(alert.caseId()).isEqualTo(benefit.id()));
    }

    @Test
    void anUnreadablePartyEventGoesToTheDeadLetterTopicWithItsReason() {
        String key = "broken-" + UUID.randomUUID();
        KafkaProbe.send(Topics.PARTY_EVENTS, key, "{\"type\": \"MOVED\"".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.PARTY_EVENT,
                        "ce_source", "urn:test"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.PARTY_EVENTS), key,
                Duration.ofSeconds(2))).anySatisfy(r -> assertThat(KafkaProbe.header(r, "dead-letter-reason")).contains("Not JSON")));
    }

    @Test
    void newAlertsReachAnOpenStream() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord benefit = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        fixtures.indexCases(benefit);
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(HttpRequest.newBuilder(streamUri)
                .header("Authorization", "Bearer " + caseworker()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        Stream<String> lines = response.get(30, TimeUnit.SECONDS).body();
        assertThat(response.get().statusCode()).isEqualTo(200);
        Thread.sleep(1_000); // the stream's consumer starts from the latest offset
        postCprEvent(person, "Doedsfald", "751", "751");
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> lines
                .filter(line -> line.startsWith("data:") && line.contains(benefit.id().toString())).findFirst().orElse(null));
        assertThat(seen.get(60, TimeUnit.SECONDS)).contains("\"recipientUser\":\"caseworker-a\"");
        lines.close();
    }

    @Test
    void aRuleThatRaisedAlertsCannotBeDeletedButCanBeSwitchedOff() {
        UUID unused = createRule("""
                { "name": "Adressebeskyttelse", "trigger": "ADDRESS_PROTECTION_CHANGED", "message": "Se {caseNumber}" }""");
        given().auth().oauth2(admin()).when().delete("/api/v1/rules/" + unused).then().statusCode(204);
        PartyRef person = SampleCases.randomPerson();
        fixtures.indexCases(caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp"));
        UUID died = postCprEvent(person, "Doedsfald", "751", "751");
        await().atMost(WAIT).until(() -> !alerts(died, diedRule).isEmpty());
        given().auth().oauth2(admin()).when().delete("/api/v1/rules/" + diedRule)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void rulesAreCheckedAndOnlyForAdvisAdministrators() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{ \"name\": \"x\", \"trigger\": \"DIED\", \"condition\": { \"kleScope\": [\"3\"] }, \"message\": \"{cpr}\" }")
                .when().post("/api/v1/rules")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("message", "condition.kleScope[0]"));
        UUID rule = createRule("{ \"name\": \"Midlertidig\", \"trigger\": \"MOVED_IN\", \"message\": \"Ny borger\", \"enabled\": false }");
        given().auth().oauth2(admin()).when().get("/api/v1/rules/" + rule).then().statusCode(200).body("enabled", equalTo(false))
                .body("tenant", equalTo(A));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{ \"name\": \"Midlertidig\", \"trigger\": \"MOVED_IN\", \"message\": \"Ny borger i {currentMunicipality}\" }")
                .when().put("/api/v1/rules/" + rule).then().statusCode(200).body("enabled", equalTo(true));
        given().auth().oauth2(caseworker()).when().get("/api/v1/rules").then().statusCode(403);
        given().auth().oauth2(admin()).when().get("/api/v1/rules/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(admin()).when().delete("/api/v1/rules/" + rule).then().statusCode(204);
    }

    private static CaseRecord caseOf(PartyRef person, String system, String kle, Progress progress, UUID caseworker, String title) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new CaseRecord(UUID.randomUUID(), A, system, kle + "-G01-" + ThreadLocalRandom.current().nextInt(10_000, 99_999), title,
                null, null, new Kle(kle, "G01"), progress, null, Sensitivity.FORTROLIGE_PERSONOPLYSNINGER,
                List.of(new Party(PartyRole.PRIMARY, person)), UNIT, caseworker, now.minus(5, ChronoUnit.DAYS),
                progress == Progress.AFSLUTTET ? now : null, now, null);
    }

    private static UUID postCprEvent(PartyRef person, String businessEvent, String from, String to) {
        return postCprEvent(person, UUID.randomUUID(), businessEvent, from, to);
    }

    private static UUID postCprEvent(PartyRef person, UUID eventId, String businessEvent, String from, String to) {
        given().auth().oauth2(TestStack.tokens().forClient("cpr-distributor", "demo-secret")).contentType(ContentType.JSON)
                .body(Map.of("eventId", eventId.toString(), "personId", person.number(),
                        "objekthandling", businessEvent + ";KommuneTidligere:" + from + ";KommuneNuvaerende:" + to,
                        "effectiveAt", "2026-11-01T00:00:00Z"))
                .when().post("/api/v1/cpr-events").then().statusCode(202);
        return eventId;
    }

    /** A benefit case of the person's with caseworker A, in the index: new cases of the person's alert it. */
    private CaseRecord indexedBenefitOf(PartyRef person) {
        CaseRecord benefit = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        fixtures.indexCases(benefit);
        return benefit;
    }

    private static CaseRecord newJobcentreCaseOf(PartyRef person) {
        return caseOf(person, "jobcenter", "15.20.00", Progress.OPSTAAET, null, "Sygedagpenge");
    }

    /** A new case of the person's in another system, on the same partition as {@code other}: it is read after it. */
    private static CaseRecord newChildCaseBehind(CaseRecord other, PartyRef person) {
        int partition = KafkaProbe.partition(Topics.CASES, other.key());
        while (true) {
            CaseRecord next = caseOf(person, "boern-familie", "28.20.00", Progress.OPSTAAET, null, "Forebyggende foranstaltning");
            if (KafkaProbe.partition(Topics.CASES, next.key()) == partition) {
                return next;
            }
        }
    }

    /** A case registration with this CloudEvents id instead of the ingest's ({@code null}: none), as a vendor may send it. */
    private static void publishCaseWithId(CaseRecord c, String ceId) {
        Map<String, String> headers = new HashMap<>(PublishedRecords.headers(c));
        headers.remove("ce_id");
        if (ceId != null) {
            headers.put("ce_id", ceId);
        }
        KafkaProbe.send(Topics.CASES, c.key(), Json.toBytes(c), headers);
    }

    private static UUID createRule(String json) {
        return UUID.fromString(given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/rules").then().statusCode(201).extract().path("id"));
    }

    @Test
    void anAlertTakesTheAccessOfACaseRegistrationThatTheIndexDoesNotShowYet() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord benefit = caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp");
        fixtures.indexCases(benefit);
        // A newer registration makes the case a VIP case; the case consumer has it, the index not yet.
        CaseRecord vip = SampleCases.withAccess(benefit, benefit.kle(), Sensitivity.VIP_SAGER, UNIT, 30);
        PublishedRecords.publish(vip);
        await().atMost(WAIT).until(() -> pool.preparedQuery("select count(*) from tracked_case where case_id = $1 and sensitivity = 4")
                .execute(Tuple.of(vip.id())).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) == 1);

        UUID died = postCprEvent(person, "Doedsfald", "751", "751");
        await().atMost(WAIT).until(() -> alerts(died, diedRule).size() == 1);
        int sensitivity = pool.preparedQuery("select case_sensitivity from alert where trigger_event_id = $1").execute(Tuple.of(died))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getInteger(0);
        assertThat(sensitivity).as("the newer registration's sensitivity, not the index's").isEqualTo(4);
    }

    @Test
    void anEventWhoseAlertsTheDatabaseRefusesIsDeadLetteredAndTheEventsAfterItOnItsPartitionGetTheirs() {
        // A check refusing one title in an alert's message stands in for any refusal no retry can cure.
        String poison = "Giftig " + UUID.randomUUID();
        sql("alter table alert add constraint refuses_poison_test check (message not like '%" + poison + "%')");
        try {
            // A party event: the moved-out rule's message holds the case title.
            PartyRef refusedPerson = SampleCases.randomPerson();
            PartyRef nextPerson;
            do {
                nextPerson = SampleCases.randomPerson();
            } while (KafkaProbe.partition(Topics.PARTY_EVENTS, nextPerson.number())
                    != KafkaProbe.partition(Topics.PARTY_EVENTS, refusedPerson.number()));
            fixtures.indexCases(caseOf(refusedPerson, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, poison),
                    caseOf(nextPerson, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp"));
            UUID refused = postCprEvent(refusedPerson, "Flytning", "751", "706");
            UUID next = postCprEvent(nextPerson, "Flytning", "751", "706");
            await().atMost(WAIT).until(() -> alerts(next, movedOutRule).size() == 1);
            assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.PARTY_EVENTS), refusedPerson.number(), Duration.ofSeconds(10)))
                    .singleElement().satisfies(r -> {
                        assertThat(KafkaProbe.header(r, "ce_id")).isEqualTo(refused.toString());
                        assertThat(KafkaProbe.header(r, "dead-letter-reason"))
                                .isEqualTo("PostgreSQL refused it: SQLSTATE 23514 (table alert, constraint refuses_poison_test)");
                    });
            assertThat(alertsOfEvent(refused)).isZero();

            // A case event: the new-case rule's message holds the new case's title.
            PartyRef person = SampleCases.randomPerson();
            fixtures.indexCases(caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Kontanthjælp"));
            CaseRecord refusedCase = caseOf(person, "jobcenter", "15.20.00", Progress.OPSTAAET, null, poison);
            CaseRecord nextCase = newChildCaseBehind(refusedCase, person);
            UUID refusedTrigger = PublishedRecords.publish(refusedCase);
            UUID nextTrigger = PublishedRecords.publish(nextCase);
            await().atMost(WAIT).until(() -> alerts(nextTrigger, newCaseRule).size() == 1);
            assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), refusedCase.key(), Duration.ofSeconds(10)))
                    .singleElement().satisfies(r -> {
                        assertThat(KafkaProbe.header(r, "ce_id")).isEqualTo(refusedTrigger.toString());
                        assertThat(KafkaProbe.header(r, "dead-letter-reason")).startsWith("advis could not raise its alerts: ")
                                .contains("SQLSTATE 23514");
                    });
            assertThat(alertsOfEvent(refusedTrigger)).isZero();
            assertThat(pool.preparedQuery("select count(*) from tracked_case where case_id = $1 and registered_at = $2")
                    .execute(Tuple.of(refusedCase.id(), refusedCase.registeredAt().atOffset(java.time.ZoneOffset.UTC)))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0))
                    .as("the dead-lettered registration is tracked all the same").isEqualTo(1);
        } finally {
            sql("alter table alert drop constraint refuses_poison_test");
        }
    }

    @Test
    void aLongFilledMessageIsStoredWhole() {
        // A template within its 1,000 characters can fill to far more: here 80 case titles of 222 characters.
        UUID longRule = createRule("""
                { "name": "Lang besked", "trigger": "DIED", "condition": { "sourceSystems": ["langt"] }, "message": "%s" }"""
                .formatted("{caseTitle} ".repeat(80).trim()));
        PartyRef person = SampleCases.randomPerson();
        String title = "Sag med en lang titel " + "x".repeat(200);
        fixtures.indexCases(caseOf(person, "langt", "32.12.00", Progress.OPLYST, CASEWORKER_A, title));

        UUID died = postCprEvent(person, "Doedsfald", "751", "751");
        await().atMost(WAIT).until(() -> alerts(died, longRule).size() == 1);
        assertThat(alerts(died, longRule).get(0).message()).hasSize(80 * title.length() + 79).startsWith(title);
    }

    @Test
    void seenAndDoneSentAtTheSameMomentLeaveEveryAlertDone() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        fixtures.indexCases(Stream.iterate(0, i -> i + 1).limit(8)
                .map(i -> caseOf(person, "ydelse", "32.12.00", Progress.OPLYST, CASEWORKER_A, "Ydelse " + i)).toArray(CaseRecord[]::new));
        UUID died = postCprEvent(person, "Doedsfald", "751", "751");
        await().atMost(WAIT).until(() -> alerts(died, diedRule).size() == 8);

        String token = caseworker();
        ExecutorService users = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> marks = new ArrayList<>();
            for (StoredAlert alert : alerts(died, diedRule)) {
                for (String status : List.of("SEEN", "DONE")) {
                    marks.add(users.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Map.of("status", status)).when().put("/api/v1/advis/" + alert.id() + "/status")
                            .then().statusCode(200)));
                }
            }
            for (Future<?> mark : marks) {
                mark.get(30, TimeUnit.SECONDS);
            }
        } finally {
            users.shutdown();
        }
        List<String> statuses = new ArrayList<>();
        pool.preparedQuery("select status from alert where trigger_event_id = $1").execute(Tuple.of(died))
                .await().atMost(Duration.ofSeconds(10)).forEach(row -> statuses.add(row.getString(0)));
        assertThat(statuses).hasSize(8).containsOnly("DONE");
    }

    @Test
    void anInboxStatusThatDoesNotExistIsABadRequestNotNothingFound() {
        given().auth().oauth2(caseworker()).queryParam("status", "done").when().get("/api/v1/advis")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private List<String> inbox(String status) {
        return given().auth().oauth2(caseworker()).queryParam("status", status).queryParam("size", 200)
                .when().get("/api/v1/advis").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private List<StoredAlert> alerts(UUID triggerEventId, UUID ruleId) {
        List<StoredAlert> alerts = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                        select id, case_id, recipient_user, recipient_unit, message, party from alert
                        where trigger_event_id = $1 and rule_id = $2""")
                .execute(Tuple.of(triggerEventId, ruleId)).await().atMost(Duration.ofSeconds(10))) {
            alerts.add(new StoredAlert(row.getUUID("id"), row.getUUID("case_id"), row.getString("recipient_user"),
                    row.getUUID("recipient_unit"), row.getString("message"), row.getString("party")));
        }
        return alerts;
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }

    private long alertsOfEvent(UUID triggerEventId) {
        return pool.preparedQuery("select count(*) from alert where trigger_event_id = $1").execute(Tuple.of(triggerEventId))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static String caseworker() {
        return TestStack.tokens().forUser("caseworker-a");
    }

    private static String admin() {
        return TestStack.tokens().forUser("advisadmin-a");
    }
}
