package dk.overblik.overview.audit;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.value.PartyRef;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Lookups of every kind, the failing ones included, leave no person number in the service's log. */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class NoCprInLogsTest {

    @Inject
    Fixtures fixtures;

    @Test
    void theLogHoldsNoCprNumberAfterLookups() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        String cpr = person.urn().substring(person.urn().lastIndexOf(':') + 1);
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, person, "Sag");
        fixtures.indexCases(c);
        fixtures.grant(new EffectiveAccess(SampleCases.TENANT_A, "caseworker-a", List.of("27"), List.of(), 2, false));
        String caseworker = TestStack.tokens().forUser("caseworker-a");

        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body("{\"party\": \"" + person.urn() + "\"}")
                .when().post("/api/v1/party-overview").then().statusCode(200);
        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body("{\"party\": \"" + person.urn() + "9\"}")
                .when().post("/api/v1/party-overview").then().statusCode(400);
        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body("{\"party\": " + cpr + "}")
                .when().post("/api/v1/party-overview").then().statusCode(400);
        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body(Map.of("text", cpr))
                .when().post("/api/v1/search").then().statusCode(200);
        given().auth().oauth2(TestStack.tokens().forUser("auditor-a")).contentType(ContentType.JSON).body(Map.of("party", person.urn()))
                .when().post("/api/v1/audit/search").then().statusCode(200);

        Path log = Path.of("target/overview-service.log");
        assertThat(log).exists();
        String content = Files.readString(log);
        assertThat(content).contains("overview-service").doesNotContain(cpr); // the log is written, and holds no CPR
    }
}
