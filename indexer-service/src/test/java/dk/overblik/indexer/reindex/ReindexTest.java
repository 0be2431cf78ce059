package dk.overblik.indexer.reindex;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.indexer.Indexed;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class ReindexTest {

    @Inject
    OpenSearchClient openSearch;

    @Test
    void reindexingMovesEverythingToTheNextVersionAndLosesNoWriteMadeMeanwhile() throws Exception {
        String admin = TestStack.tokens().forUser("admin-a");
        String vendor = TestStack.tokens().forDemoVendor();
        CaseRecord before = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Før reindeksering");
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(before)).when().post("/api/v1/cases").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(Indexed.aCase(openSearch, before.tenant(), before.id())).isPresent());
        String oldIndex = currentIndex();
        long countBefore = openSearch.count(c -> c.index(CaseIndex.READ_ALIAS)).count();

        String job = given().auth().oauth2(admin).when().post("/api/v1/admin/indices/overblik-cases/reindex")
                .then().statusCode(202).body("state", equalTo("RUNNING")).extract().path("id");
        CaseRecord during = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Under reindeksering");
        given().auth().oauth2(vendor).contentType(ContentType.JSON).body(Json.toBytes(during)).when().post("/api/v1/cases").then().statusCode(202);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                given().auth().oauth2(admin).when().get("/api/v1/admin/reindex-jobs/" + job)
                        .then().statusCode(200).body("state", equalTo("DONE")));
        String newIndex = currentIndex();
        assertThat(newIndex).isNotEqualTo(oldIndex).startsWith("overblik-cases-v");
        assertThat(openSearch.indices().exists(e -> e.index(oldIndex)).value()).isFalse();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(Indexed.aCase(openSearch, before.tenant(), before.id())).isPresent();
            assertThat(Indexed.aCase(openSearch, during.tenant(), during.id())).isPresent();
        });
        assertThat(openSearch.count(c -> c.index(CaseIndex.READ_ALIAS)).count()).isGreaterThanOrEqualTo(countBefore + 1);
    }

    @Test
    void onlyAnAdminReindexesAndOnlyKnownIndices() {
        given().auth().oauth2(TestStack.tokens().forUser("admin-a")).when().post("/api/v1/admin/indices/nope/reindex")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokens().forUser("caseworker-a")).when().post("/api/v1/admin/indices/overblik-cases/reindex")
                .then().statusCode(403);
    }

    private String currentIndex() throws Exception {
        return openSearch.indices().getAlias(a -> a.name(CaseIndex.WRITE_ALIAS)).result().keySet().iterator().next();
    }
}
