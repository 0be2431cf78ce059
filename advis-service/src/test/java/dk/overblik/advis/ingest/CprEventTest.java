package dk.overblik.advis.ingest;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.party.PartyEvent;
import dk.overblik.contracts.party.PartyEventType;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.testsupport.KafkaProbe;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** CPR events in both forms become party events on Kafka; bad ones and wrong callers are refused. */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class CprEventTest {

    private static String distributor() {
        return TestStack.tokens().forClient("cpr-distributor", "demo-secret");
    }

    private static PartyEvent published(String cpr, UUID eventId) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = KafkaProbe.recordsWithKey(Topics.PARTY_EVENTS, cpr, Duration.ofSeconds(20));
        ConsumerRecord<String, byte[]> record = records.stream()
                .filter(r -> eventId.toString().equals(KafkaProbe.header(r, "ce_id"))).findFirst().orElseThrow();
        assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo(EventTypes.PARTY_EVENT);
        return Json.mapper().readValue(record.value(), PartyEvent.class);
    }

    @Test
    void theDistributorsFormBecomesAPartyEventKeyedByThePerson() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        String cpr = person.urn().substring(person.urn().lastIndexOf(':') + 1);
        UUID eventId = UUID.randomUUID();
        given().auth().oauth2(distributor()).contentType(ContentType.JSON)
                .body("{\"eventId\": \"" + eventId + "\", \"personId\": \"" + cpr + "\", "
                        + "\"objekthandling\": \"Flytning;KommuneTidligere:751;KommuneNuvaerende:706\", "
                        + "\"effectiveAt\": \"2026-11-01T00:00:00Z\"}")
                .when().post("/api/v1/cpr-events").then().statusCode(202).body("type", equalTo("MOVED"));

        PartyEvent event = published(cpr, eventId);
        assertThat(event.party()).isEqualTo(person);
        assertThat(event.type()).isEqualTo(PartyEventType.MOVED);
        assertThat(event.previousMunicipalityCode()).isEqualTo("751");
        assertThat(event.currentMunicipalityCode()).isEqualTo("706");
    }

    @Test
    void thePartyEventFormIsTakenAsItIs() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        String cpr = person.urn().substring(person.urn().lastIndexOf(':') + 1);
        UUID eventId = UUID.randomUUID();
        given().auth().oauth2(distributor()).contentType(ContentType.JSON)
                .body("{\"eventId\": \"" + eventId + "\", \"party\": \"" + person.urn() + "\", \"type\": \"DIED\", "
                        + "\"effectiveAt\": \"2026-11-02T00:00:00Z\"}")
                .when().post("/api/v1/cpr-events").then().statusCode(202);

        assertThat(published(cpr, eventId).type()).isEqualTo(PartyEventType.DIED);
    }

    @Test
    void badEventsAndOtherCallersAreRefused() {
        given().auth().oauth2(distributor()).contentType(ContentType.JSON)
                .body("{\"eventId\": \"x\", \"personId\": \"12\", \"objekthandling\": \"?\"}")
                .when().post("/api/v1/cpr-events").then().statusCode(400).contentType("application/problem+json")
                .body("violations.size()", org.hamcrest.Matchers.greaterThan(0));
        given().auth().oauth2(distributor()).contentType(ContentType.JSON).body("{")
                .when().post("/api/v1/cpr-events").then().statusCode(400).body("violations.code", hasItem("MALFORMED_JSON"));
        given().auth().oauth2(TestStack.tokens().forUser("caseworker-a")).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/cpr-events").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/cpr-events").then().statusCode(401);
    }
}
