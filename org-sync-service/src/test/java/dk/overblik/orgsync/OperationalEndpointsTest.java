package dk.overblik.orgsync;

import dk.overblik.testsupport.OverblikStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health, Prometheus metrics and the OpenAPI document answer without a token, as operations need. */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class OperationalEndpointsTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
