package dk.overblik.orgsync;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.orgsync.importing.DropFolder;
import dk.overblik.orgsync.importing.ExportPuller;
import dk.overblik.orgsync.importing.ImportChannel;
import dk.overblik.orgsync.importing.SyncOutcome;
import dk.overblik.orgsync.importing.SyncReport;
import dk.overblik.testsupport.KafkaProbe;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Org-sync against the real test stack: exports in through upload, pull and drop folder, state in
 * PostgreSQL, access out on Kafka. Every test starts by uploading the test organisation, which as
 * a full export resets municipality A to a known state.
 */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(ExportServer.class)
class OrgSyncTest {
    private static final String TENANT = "55133018";
    private static String admin;
    private static String caseworker;
    private static String caseworkerB;
    private static String loader;

    @Inject
    DropFolder dropFolder;

    @Inject
    ExportPuller puller;

    @BeforeAll
    static void tokens() {
        admin = TestStack.tokens().forUser("admin-a");
        caseworker = TestStack.tokens().forUser("caseworker-a");
        caseworkerB = TestStack.tokens().forUser("caseworker-b");
        loader = TestStack.tokens().forClient("org-sync-loader", "demo-secret");
    }

    private static ValidatableResponse upload(String token, String tenant, Object export) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Json.toBytes(export))
                .when().put("/api/v1/org-exports/" + tenant).then();
    }

    private static SyncReport applied(OrgExport export) {
        SyncReport report = upload(loader, export.municipality(), export).statusCode(200).extract().as(SyncReport.class);
        awaitPublished();
        return report;
    }

    /** Waits until the outbox is empty: everything committed is on Kafka. */
    private static void awaitPublished() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin).get("/api/v1/org-sync/status")
                .then().statusCode(200).extract().jsonPath().getLong("pendingPublish") == 0);
    }

    private static ValidatableResponse explain(String token, String userId) {
        return given().auth().oauth2(token).when().get("/api/v1/users/" + userId + "/access").then();
    }

    private static long accessRecords() {
        return KafkaProbe.endOffsetSum(Topics.ACCESS);
    }

    private static long orgRecords() {
        return KafkaProbe.endOffsetSum(Topics.ORG);
    }

    /** The newest record of a key on a topic. */
    private static ConsumerRecord<String, byte[]> latest(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> records = KafkaProbe.recordsWithKey(topic, key, Duration.ofSeconds(10));
        assertThat(records).as("records with key %s on %s", key, topic).isNotEmpty();
        return records.get(records.size() - 1);
    }

    @Test
    void anExportIsAppliedAndEachUsersAccessIsPublishedAndExplained() throws Exception {
        applied(TestOrg.export(TENANT));

        explain(caseworker, "caseworker-a").statusCode(200)
                .body("tenant", equalTo(TENANT))
                .body("kleScope", contains("27.24", "32"))
                .body("orgScope", contains(TestOrg.TEAM_YDELSE.toString()))
                .body("clearance", equalTo(3))
                .body("positions[0].unit.name", equalTo("Team Ydelse"))
                .body("kleSources.find { it.kle == '32.18' }.origin", equalTo("INHERITED"))
                .body("kleSources.find { it.kle == '32.18' }.from.name", equalTo("Ydelser"))
                .body("kleSources.find { it.kle == '32.18' }.coveredByBroaderEntry", equalTo(true))
                .body("kleSources.find { it.kle == '27.24' }.origin", equalTo("OWN"));

        ConsumerRecord<String, byte[]> record = latest(Topics.ACCESS, TENANT + "/caseworker-a");
        EffectiveAccess published = Json.mapper().readValue(record.value(), EffectiveAccess.class);
        assertThat(published.kleScope()).containsExactly("27.24", "32");
        assertThat(published.clearance()).isEqualTo(3);
        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo(EventTypes.ACCESS);

        given().auth().oauth2(caseworker).get("/api/v1/units").then().statusCode(200)
                .body("units", equalTo(7))
                .body("root.name", equalTo("Kommune"))
                .body("root.children.name", contains("Beskæftigelse", "Borgerservice", "Social"))
                .body("root.children.find { it.name == 'Social' }.children[0].children[0].name", equalTo("Team Ydelse"));
    }

    @Test
    void anUnchangedExportChangesAndPublishesNothing() {
        applied(TestOrg.export(TENANT));
        long access = accessRecords();
        long orgBefore = orgRecords();

        SyncReport again = upload(loader, TENANT, TestOrg.export(TENANT)).statusCode(200).extract().as(SyncReport.class);
        awaitPublished();

        assertThat(again.outcome()).isEqualTo(SyncOutcome.UNCHANGED);
        assertThat(again.accessPublished()).isZero();
        assertThat(accessRecords()).isEqualTo(access);
        assertThat(orgRecords()).isEqualTo(orgBefore);
    }

    @Test
    void movingAUnitRepublishesTheAccessOfItsPeopleOnly() {
        OrgExport before = TestOrg.export(TENANT);
        applied(before);
        long access = accessRecords();

        // Team Ydelse moves under Beskæftigelse and stops inheriting Social's 32 via Ydelser; it inherits 15 instead.
        SyncReport report = applied(TestOrg.withUnit(before, TestOrg.TEAM_YDELSE, u -> TestOrg.withParent(u, TestOrg.BESKAEFTIGELSE)));

        assertThat(report.outcome()).isEqualTo(SyncOutcome.APPLIED);
        assertThat(report.units()).isEqualTo(new SyncReport.Changes(0, 1, 0));
        // caseworker-a and dobbelt work in Team Ydelse; the admins' organisation scope (the whole tree) holds the same units.
        assertThat(report.accessPublished()).isEqualTo(2);
        assertThat(accessRecords() - access).isEqualTo(report.accessPublished());
        explain(caseworker, "caseworker-a").body("kleScope", contains("15", "27.24"));
    }

    @Test
    void removingAKleTaskTakesItAwayFromEveryoneWhoHadItThroughTheUnit() {
        OrgExport before = TestOrg.export(TENANT);
        applied(before);

        applied(TestOrg.withUnit(before, TestOrg.SOCIAL, u -> TestOrg.withTasks(u, List.of())));

        explain(caseworker, "caseworker-a").statusCode(200).body("kleScope", contains("27.24", "32.18"));
        explain(admin, "dobbelt").statusCode(200).body("kleScope", contains("32.18"))
                .body("kleSources.kle", not(hasItem("32")));
    }

    @Test
    void aUserWhoLeavesLosesAccessWithATombstone() {
        OrgExport before = TestOrg.export(TENANT);
        applied(before);

        SyncReport report = applied(TestOrg.withoutUser(before, "dobbelt"));

        assertThat(report.users()).isEqualTo(new SyncReport.Changes(0, 0, 1));
        explain(admin, "dobbelt").statusCode(404).contentType("application/problem+json");
        assertThat(latest(Topics.ACCESS, TENANT + "/dobbelt").value()).isNull();
        assertThat(latest(Topics.ORG, TENANT + "/" + TestOrg.id("user/dobbelt")).value()).isNull();
    }

    @Test
    void badExportsAreRefusedWholeAndTheLastGoodStateIsKept() {
        OrgExport good = TestOrg.export(TENANT);
        applied(good);
        long access = accessRecords();

        OrgExport cycle = TestOrg.withUnit(TestOrg.withUnit(good, TestOrg.SOCIAL, u -> TestOrg.withParent(u, TestOrg.TEAM_YDELSE)),
                TestOrg.YDELSER, u -> TestOrg.withTasks(u, List.of("27")));
        upload(loader, TENANT, cycle).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(org.hamcrest.Matchers.startsWith("OrgUnits[")))
                .body("violations.message", hasItem(org.hamcrest.Matchers.containsString("its own ancestor")));

        OrgExport unknownParent = TestOrg.withUnit(good, TestOrg.JOBCENTER, u -> TestOrg.withParent(u, UUID.randomUUID()));
        upload(loader, TENANT, unknownParent).statusCode(400)
                .body("violations.message", hasItem(org.hamcrest.Matchers.containsString("which the export does not contain")));

        OrgExport badKle = TestOrg.withUnit(good, TestOrg.YDELSER, u -> TestOrg.withTasks(u, List.of("32.1B")));
        upload(loader, TENANT, badKle).statusCode(400).body("violations.code", hasItem("BAD_KLE_SUBJECT"));

        List<OrgUnitRegistration> units = new ArrayList<>(good.orgUnits());
        units.add(TestOrg.unit(TestOrg.YDELSER, "Ydelser igen", TestOrg.SOCIAL, List.of(), List.of(), false));
        List<UserRegistration> users = new ArrayList<>(good.users());
        users.add(TestOrg.user("caseworker-a", List.of(TestOrg.ROOT), List.of(), 1));
        upload(loader, TENANT, new OrgExport(TENANT, good.exportedAt(), units, users)).statusCode(400)
                .body("violations.code", hasItem("DUPLICATE"))
                .body("violations.field", hasItem("Users[5].UserId"));

        given().auth().oauth2(loader).contentType(ContentType.JSON).body("{\"Municipality\": \"55133018\", \"OrgUnits\": [")
                .put("/api/v1/org-exports/" + TENANT).then().statusCode(400).body("violations.code", hasItem("MALFORMED_JSON"));

        // A CPR number where a UUID belongs (an HR system's mix-up): the field is named, the value never repeated.
        String cprAsUuid = Json.toString(good).replaceFirst("\"Uuid\":\"[^\"]+\"", "\"Uuid\":\"0101901234\"");
        given().auth().oauth2(loader).contentType(ContentType.JSON).body(cprAsUuid)
                .put("/api/v1/org-exports/" + TENANT).then().statusCode(400)
                .body("violations.field", hasItem(org.hamcrest.Matchers.endsWith("Uuid")))
                .body(not(org.hamcrest.Matchers.containsString("0101901234")));

        upload(loader, TENANT, new OrgExport(TENANT, good.exportedAt(), good.orgUnits(), List.of())).statusCode(400)
                .body("violations.field", hasItem("Users"));

        // An export made before the one applied last (a slow pull finishing after an upload) would bring back
        // what the newer one ended.
        upload(loader, TENANT, new OrgExport(TENANT, good.exportedAt().minusSeconds(60),
                TestOrg.withoutUser(good, "caseworker-a").orgUnits(), TestOrg.withoutUser(good, "caseworker-a").users()))
                .statusCode(400).body("violations.field", hasItem("ExportedAt"));

        explain(caseworker, "caseworker-a").statusCode(200).body("kleScope", contains("27.24", "32"));
        given().auth().oauth2(admin).get("/api/v1/org-sync/status").then().statusCode(200)
                .body("lastRun.outcome", equalTo("REFUSED"))
                .body("lastApplied.outcome", equalTo("APPLIED"))
                .body("units", equalTo(7))
                .body("users", equalTo(5));
        assertThat(accessRecords()).isEqualTo(access);
    }

    @Test
    void anExportGivingARecordLargerThanTheTopicsTakeIsRefusedRatherThanLeftToBlockTheOutbox() {
        OrgExport good = TestOrg.export(TENANT);
        applied(good);
        long access = accessRecords();
        long orgBefore = orgRecords();

        // 3,000 more units under the root: the access of the two users placed at the root lists every one of them, some
        // 117 kB, over the 100 kB the test profile allows.
        List<OrgUnitRegistration> units = new ArrayList<>(good.orgUnits());
        for (int i = 0; i < 3_000; i++) {
            units.add(TestOrg.unit(TestOrg.id("many/" + i), "Enhed " + i, TestOrg.ROOT, List.of(), List.of(), false));
        }
        upload(loader, TENANT, new OrgExport(TENANT, good.exportedAt(), units, good.users())).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("Users[2]", "Users[3]"))
                .body("violations.code", contains("TOO_LONG", "TOO_LONG"))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("on overblik.access.v1, over the 100000 bytes"));

        given().auth().oauth2(admin).get("/api/v1/org-sync/status").then().statusCode(200)
                .body("lastRun.outcome", equalTo("REFUSED"))
                .body("units", equalTo(7))
                .body("pendingPublish", equalTo(0));
        assertThat(accessRecords()).isEqualTo(access);
        assertThat(orgRecords()).isEqualTo(orgBefore);
    }

    @Test
    void anExportLargerThanAllowedIsRefusedByEveryChannelBeforeItIsRead(@TempDir Path folder) throws Exception {
        byte[] tooLarge = new byte[4 * 1024 * 1024 + 1]; // the test profile's overblik.org-sync.max-export-size is 4M
        java.util.Arrays.fill(tooLarge, (byte) ' ');

        // As a client that sends large bodies should: the 413 then comes before the body is sent. Without it, the
        // service's early answer and closed connection can meet the client still writing (a broken pipe, not a 413).
        given().auth().oauth2(loader).contentType(ContentType.JSON).header("Expect", "100-continue").body(tooLarge)
                .when().put("/api/v1/org-exports/" + TENANT)
                .then().statusCode(413);

        // Announced as too large, and found too large while read (no Content-Length).
        ExportServer.serve(tooLarge);
        SyncReport pulled = puller.pull(ExportServer.TENANT).await().atMost(Duration.ofSeconds(60));
        assertThat(pulled.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(pulled.detail()).contains("is larger than the 4194304 bytes allowed");
        ExportServer.serveChunked(tooLarge);
        SyncReport pulledChunked = puller.pull(ExportServer.TENANT).await().atMost(Duration.ofSeconds(60));
        assertThat(pulledChunked.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(pulledChunked.detail()).contains("is larger than the 4194304 bytes allowed");

        Files.write(folder.resolve("huge.json"), tooLarge);
        assertThat(dropFolder.scan(folder)).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo(SyncOutcome.REFUSED);
            assertThat(report.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("over the 4194304 bytes"));
        });
        assertThat(folder.resolve("refused/huge.json")).exists();
        assertThat(folder.resolve("refused/huge.json.report.json")).exists();
    }

    @Test
    void onlyLoadersAndAdminsOfTheMunicipalityMayImportAndOnlyTheUserOrAdminsMaySeeAccess() {
        applied(TestOrg.export(TENANT));

        upload(caseworker, TENANT, TestOrg.export(TENANT)).statusCode(403);
        upload(admin, ExportServer.TENANT, TestOrg.export(ExportServer.TENANT)).statusCode(403)
                .contentType("application/problem+json");
        upload(admin, TENANT, TestOrg.export(TENANT)).statusCode(200).body("outcome", equalTo("UNCHANGED"));
        explain(caseworker, "callcenter-a").statusCode(403);
        explain(admin, "callcenter-a").statusCode(200).body("kleScope", contains("16.00", "27"));
        given().auth().oauth2(caseworker).get("/api/v1/org-sync/status").then().statusCode(403);
        given().get("/api/v1/units").then().statusCode(401);
    }

    @Test
    void aConfiguredExportIsPulledAndAFailedPullIsRecorded() {
        // Pulling on demand is for admins; caseworker-b is none.
        given().auth().oauth2(caseworkerB).post("/api/v1/org-exports/" + ExportServer.TENANT + "/pull").then().statusCode(403);

        ExportServer.serve(null);
        given().auth().oauth2(admin).post("/api/v1/org-exports/" + TENANT + "/pull").then().statusCode(502)
                .body("detail", org.hamcrest.Matchers.containsString("No export URL is configured"));

        ExportServer.serve(Json.toBytes(TestOrg.export(ExportServer.TENANT)));
        // No demo user administers B, so the test drives the puller the schedule and "pull now" both use.
        SyncReport report = puller.pull(ExportServer.TENANT).await().atMost(Duration.ofSeconds(60));
        assertThat(report.outcome()).isIn(SyncOutcome.APPLIED, SyncOutcome.UNCHANGED);
        assertThat(report.channel()).isEqualTo(ImportChannel.PULL);
        awaitPublished();
        assertThat(latest(Topics.ACCESS, ExportServer.TENANT + "/caseworker-a").value()).isNotNull();
    }

    @Test
    void exportsDroppedAsFilesAreImportedAndMovedAside(@TempDir Path folder) throws Exception {
        applied(TestOrg.export(TENANT));
        Files.write(folder.resolve("a-1.json"), Json.toBytes(TestOrg.withoutUser(TestOrg.export(TENANT), "auditor-a")));
        Files.writeString(folder.resolve("a-2.json"), "{\"Municipality\": \"55133018\", \"OrgUnits\": []}");

        List<SyncReport> reports = dropFolder.scan(folder);

        assertThat(reports).extracting(SyncReport::outcome).containsExactly(SyncOutcome.APPLIED, SyncOutcome.REFUSED);
        assertThat(folder.resolve("imported/a-1.json")).exists();
        assertThat(folder.resolve("refused/a-2.json")).exists();
        assertThat(Files.readString(folder.resolve("refused/a-2.json.report.json"))).contains("REFUSED");
        assertThat(folder.resolve("a-1.json")).doesNotExist();
        awaitPublished();
        explain(admin, "auditor-a").statusCode(404);
    }
}
