package dk.overblik.overview.casedetail;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Sensitivity;
import dk.overblik.testsupport.Fixtures;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.opensearch.OpenSearchJson;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class CaseDetailAndSearchTest {
    private static final String A = SampleCases.TENANT_A;

    @Inject
    Fixtures fixtures;

    @Inject
    OpenSearchJson openSearch;

    @BeforeEach
    void access() {
        fixtures.grant(new EffectiveAccess(A, "caseworker-a", List.of("27", "02"), List.of(), 2, false));
        fixtures.grant(new EffectiveAccess(A, "callcenter-a", List.of("27", "02"), List.of(), 2, false));
    }

    private static String token(String user) {
        return TestStack.tokens().forUser(user);
    }

    private static CaseRecord caseOf(PartyRef person, String title, String kle, Sensitivity sensitivity) {
        return SampleCases.withAccess(SampleCases.openCase(A, person, title), new Kle(kle, "G01"), sensitivity,
                UUID.fromString("9a1b2c3d-0000-4000-8000-000000000001"), 0);
    }

    @Test
    void aVisibleCaseComesWithAPageOfItsVisibleDocumentsAndAnInvisibleOneIsIndistinguishableFromNone() {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord visible = caseOf(person, "Boligsag", "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER);
        CaseRecord hidden = caseOf(person, "Kontanthjælp", "32.18.08", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER);
        fixtures.indexCases(visible, hidden);
        List<DocumentRecord> letters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            letters.add(SampleCases.documentOn("Brev " + i, visible));
        }
        DocumentRecord tooSensitive = new DocumentRecord(UUID.randomUUID(), A, "esdh", List.of(visible.id()), "D-S", "Følsomt",
                letters.get(0).type(), letters.get(0).letterDate(), Sensitivity.FOELSOMME_PERSONOPLYSNINGER, letters.get(0).parties(),
                letters.get(0).registeredAt(), null);
        letters.add(tooSensitive);
        fixtures.indexDocuments(letters, visible);

        Set<String> seen = new HashSet<>();
        for (int page = 0; page < 3; page++) {
            JsonPath body = given().auth().oauth2(token("caseworker-a")).queryParam("page", page).queryParam("size", 2)
                    .when().get("/api/v1/cases/" + visible.id()).then().statusCode(200)
                    .body("caseView.title", equalTo("Boligsag"))
                    .body("documentTotal", equalTo(5))
                    .extract().jsonPath();
            seen.addAll(body.getList("documents.id", String.class));
        }
        assertThat(seen).hasSize(5).doesNotContain(tooSensitive.id().toString());

        String notVisible = given().auth().oauth2(token("caseworker-a")).when().get("/api/v1/cases/" + hidden.id())
                .then().statusCode(404).contentType("application/problem+json").extract().path("title");
        String missing = given().auth().oauth2(token("caseworker-a")).when().get("/api/v1/cases/" + UUID.randomUUID())
                .then().statusCode(404).extract().path("title");
        assertThat(notVisible).isEqualTo(missing);

        given().auth().oauth2(token("callcenter-a")).when().get("/api/v1/cases/" + visible.id()).then().statusCode(200)
                .body("documents", hasSize(0)).body("caseView.documentCount", nullValue());
    }

    @Test
    void searchFindsVisibleCasesByTitleFiltersAndPagesDeepWithSearchAfter() {
        PartyRef person = SampleCases.randomPerson();
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        List<CaseRecord> cases = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cases.add(caseOf(person, "Ansøgning om " + word + " nummer " + i, i % 2 == 0 ? "27.24.00" : "02.34.02",
                    Sensitivity.FORTROLIGE_PERSONOPLYSNINGER));
        }
        cases.add(caseOf(person, "Ansøgning om " + word + " skjult", "32.18.08", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER));
        fixtures.indexCases(cases.toArray(CaseRecord[]::new));

        Map<String, Object> search = Map.of("text", word, "size", 3);
        java.util.function.Function<Map<String, Object>, JsonPath> read = request -> search(request).statusCode(200)
                .body("total", equalTo(7))
                .body("facets.kleMainGroup.'27'", equalTo(4))
                .body("facets.kleMainGroup.'02'", equalTo(3))
                .extract().jsonPath();
        JsonPath page = read.apply(search);
        Set<String> found = new HashSet<>(page.getList("cases.id", String.class));
        for (int pages = 1; page.getList("nextSearchAfter") != null; pages++) {
            assertThat(pages).as("pages of 3 of 7 cases").isLessThan(3);
            assertThat(page.getString("pointInTime")).isNotBlank();
            page = read.apply(nextPage(search, page));
            found.addAll(page.getList("cases.id", String.class));
        }
        assertThat(found).hasSize(7);
        assertThat(page.getString("pointInTime")).as("the last page lets go of its point in time").isNull();

        given().auth().oauth2(token("caseworker-a")).contentType(ContentType.JSON)
                .body(Map.of("text", word, "kle", List.of("02.34"), "sort", "OPENED"))
                .when().post("/api/v1/search").then().statusCode(200)
                .body("total", equalTo(3));

        given().auth().oauth2(token("caseworker-a")).contentType(ContentType.JSON).body(Map.of("kle", List.of("2.3"), "size", 0))
                .when().post("/api/v1/search").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItems("kle[0]", "size"));
        given().auth().oauth2(token("callcenter-a")).contentType(ContentType.JSON).body(Map.of("text", word))
                .when().post("/api/v1/search").then().statusCode(403);
    }

    @Test
    void thePagesOfOneSearchHoldWhileCasesAreWrittenMeanwhile() {
        PartyRef person = SampleCases.randomPerson();
        String word = "okapi" + UUID.randomUUID().toString().substring(0, 8);
        List<CaseRecord> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CaseRecord c = caseOf(person, "Sag om " + word + " " + i, "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER);
            cases.add(SampleCases.laterVersion(c, c.title(), -60 + 10 * i)); // activity times apart, the first oldest
        }
        fixtures.indexCases(cases.toArray(CaseRecord[]::new));
        Map<String, Object> search = Map.of("text", word, "sort", "LAST_ACTIVITY", "size", 2);

        JsonPath page = search(search).statusCode(200).body("total", equalTo(6)).extract().jsonPath();
        List<String> seen = new ArrayList<>(page.getList("cases.id", String.class));
        // Meanwhile the oldest case (due on the last page) gets new activity, and a new case arrives. Read live, the old
        // case would move to the front, behind the reader, and never be shown; the new one would shift the pages.
        fixtures.indexCases(SampleCases.laterVersion(cases.get(0), cases.get(0).title(), 3600),
                caseOf(person, "Sag om " + word + " ny", "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER));
        while (page.getList("nextSearchAfter") != null) {
            page = search(nextPage(search, page)).statusCode(200).body("total", equalTo(6)).extract().jsonPath();
            seen.addAll(page.getList("cases.id", String.class));
        }
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(cases.stream().map(c -> c.id().toString()).toList());

        // A new search reads the index as it is now.
        search(search).statusCode(200).body("total", equalTo(7)).body("cases[0].id", equalTo(cases.get(0).id().toString()));
    }

    @Test
    void aNextPageOfASearchWhosePointInTimeIsGoneIsAProblemToStartAgain() {
        PartyRef person = SampleCases.randomPerson();
        String word = "gnu" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.indexCases(caseOf(person, "Sag om " + word + " 1", "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER),
                caseOf(person, "Sag om " + word + " 2", "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER));
        Map<String, Object> search = Map.of("text", word, "size", 1);
        JsonPath first = search(search).statusCode(200).extract().jsonPath();
        String pointInTime = first.getString("pointInTime");
        ObjectNode close = Json.mapper().createObjectNode();
        close.putArray("pit_id").add(pointInTime);
        openSearch.send("DELETE", "/_search/point_in_time", Json.toBytes(close), "application/json").await().atMost(Duration.ofSeconds(30));

        Map<String, Object> next = nextPage(search, first);
        search(next).statusCode(410).contentType("application/problem+json").body("type", equalTo("urn:overblik:problem:search-expired"));
        next.put("pointInTime", "bm90IGEgcG9pbnQgaW4gdGltZQ==");
        search(next).statusCode(410).contentType("application/problem+json");
        next.remove("searchAfter");
        search(next).statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("pointInTime"));
    }

    @Test
    void whenOpenSearchOpensNoMorePointsInTimeASearchIsReadLiveAndStillPagesThrough() {
        String word = "tapir" + UUID.randomUUID().toString().substring(0, 8);
        List<CaseRecord> cases = casesAbout(word, 5);
        fixtures.indexCases(cases.toArray(CaseRecord[]::new));
        // As when many searches are paged at once: OpenSearch refuses to open another point in time.
        maxOpenPointsInTime(0);
        try {
            Map<String, Object> search = Map.of("text", word, "size", 2);
            JsonPath page = search(search).statusCode(200).body("total", equalTo(5)).extract().jsonPath();
            assertThat(page.getString("pointInTime")).as("OpenSearch opened none").isNull();
            Set<String> found = new HashSet<>(page.getList("cases.id", String.class));
            while (page.getList("nextSearchAfter") != null) {
                page = search(nextPage(search, page)).statusCode(200).body("total", equalTo(5)).extract().jsonPath();
                found.addAll(page.getList("cases.id", String.class));
            }
            assertThat(found).containsExactlyInAnyOrderElementsOf(cases.stream().map(c -> c.id().toString()).toList());
        } finally {
            maxOpenPointsInTime(null);
        }
        assertThat(search(Map.of("text", word, "size", 2)).statusCode(200).extract().jsonPath().getString("pointInTime"))
                .as("points in time again once OpenSearch allows them").isNotBlank();
    }

    /** {@code count} cases of one new person that caseworker-a may see, titled "Sag om <word> <i>". */
    private static List<CaseRecord> casesAbout(String word, int count) {
        PartyRef person = SampleCases.randomPerson();
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> caseOf(person, "Sag om " + word + " " + i, "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER)).toList();
    }

    /** OpenSearch's limit of open points in time ({@code null}: back to its default). */
    private void maxOpenPointsInTime(Integer limit) {
        ObjectNode settings = Json.mapper().createObjectNode();
        ObjectNode transientSettings = settings.putObject("transient");
        if (limit == null) {
            transientSettings.putNull("search.max_open_pit_context");
        } else {
            transientSettings.put("search.max_open_pit_context", limit);
        }
        openSearch.send("PUT", "/_cluster/settings", Json.toBytes(settings), "application/json").await().atMost(Duration.ofSeconds(30));
    }

    /** The request for the page after {@code page} of {@code search}. */
    private static Map<String, Object> nextPage(Map<String, Object> search, JsonPath page) {
        Map<String, Object> next = new java.util.HashMap<>(search);
        next.put("searchAfter", page.getList("nextSearchAfter"));
        next.put("pointInTime", page.getString("pointInTime"));
        return next;
    }

    private static io.restassured.response.ValidatableResponse search(Map<String, Object> request) {
        return given().auth().oauth2(token("caseworker-a")).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/search").then();
    }

    @Test
    void inputThatCannotBeUsedGetsAProblemNotAServerError() {
        given().auth().oauth2(token("caseworker-a")).contentType(ContentType.JSON).body(Map.of("text", "x", "searchAfter", List.of("x", "y")))
                .when().post("/api/v1/search").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("searchAfter"));
        given().auth().oauth2(token("caseworker-a")).contentType(ContentType.JSON).body("{\"openedFrom\": \"yesterday\"}")
                .when().post("/api/v1/search").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("openedFrom"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("yesterday")));
        given().auth().oauth2(token("caseworker-a")).queryParam("page", Integer.MAX_VALUE).queryParam("size", 50)
                .when().get("/api/v1/cases/" + UUID.randomUUID()).then().statusCode(400).contentType("application/problem+json");
    }
}
