package dk.overblik.e2e;

import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.deliver.Tokens;
import dk.overblik.simulator.org.OrgGenerator;
import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.TestStack;
import io.restassured.http.ContentType;

import java.util.List;

import static io.restassured.RestAssured.given;

/** Delivers organisation exports to the running org-sync, as OS2sync would: the source of everyone's access. */
final class Organisations {
    private Organisations() {
    }

    /** The demo organisations of ./overblik up (simulator seed 42): caseworker-a and caseworker-b see KLE 27.24, clearance 3. */
    static void deliverDemo(StackEnv env) {
        Scenario scenario = Scenario.of(42, 100);
        List<Municipality> municipalities = scenario.municipalities();
        for (int m = 0; m < municipalities.size(); m++) {
            deliver(env, OrgGenerator.generate(scenario, municipalities.get(m), m).export());
        }
    }

    static void deliver(StackEnv env, OrgExport export) {
        String loader = TestStack.tokens().forClient("org-sync-loader", Tokens.DEMO_SECRET);
        given().baseUri(env.get(StackEnv.ORGSYNC_URL)).auth().oauth2(loader).contentType(ContentType.JSON).body(Json.toBytes(export))
                .when().put("/api/v1/org-exports/" + export.municipality()).then().statusCode(200);
    }
}
