package dk.overblik.contracts.party;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.validation.PartyEventReader;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.contracts.value.PartyRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PartyEventReaderTest {

    @Test
    void readsTheDesignsPartyEvent() {
        ReadResult<PartyEvent> result = PartyEventReader.read(json("""
                { "eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "party": "urn:oio:cpr-nr:0101801234",
                  "type": "MOVED", "previousMunicipalityCode": "751", "currentMunicipalityCode": "706",
                  "effectiveAt": "2026-11-01T00:00:00Z" }"""));
        assertThat(result.value()).isEqualTo(new PartyEvent(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                PartyRef.cpr("0101801234"), PartyEventType.MOVED, "751", "706", Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(result.value().key()).isEqualTo("0101801234");
    }

    @Test
    void translatesTheDistributorsCprEvent() {
        ReadResult<PartyEvent> result = PartyEventReader.read(json("""
                { "eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "personId": "0101801234",
                  "objekthandling": "Flytning;KommuneTidligere:751;KommuneNuvaerende:706",
                  "effectiveAt": "2026-11-01T00:00:00Z" }"""));
        assertThat(result.value().type()).isEqualTo(PartyEventType.MOVED);
        assertThat(result.value().previousMunicipalityCode()).isEqualTo("751");
        assertThat(result.value().currentMunicipalityCode()).isEqualTo("706");
        assertThat(result.value().party()).isEqualTo(PartyRef.cpr("0101801234"));

        PartyEvent death = PartyEventReader.read(json("""
                { "eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae8", "personId": "0101801234",
                  "objekthandling": "Doedsfald;KommuneTidligere:751;KommuneNuvaerende:751", "effectiveAt": "2026-11-01T00:00:00Z" }""")).value();
        assertThat(death.type()).isEqualTo(PartyEventType.DIED);
    }

    @Test
    void decidesOutIntoAndWithinPerMunicipality() {
        PartyEvent out = new PartyEvent(UUID.randomUUID(), PartyRef.cpr("0101801234"), PartyEventType.MOVED, "751", "706", Instant.now());
        assertThat(out.movedOutOf("751")).isTrue();
        assertThat(out.movedInto("706")).isTrue();
        assertThat(out.movedWithin("751")).isFalse();
        PartyEvent within = new PartyEvent(UUID.randomUUID(), PartyRef.cpr("0101801234"), PartyEventType.MOVED, "751", "751", Instant.now());
        assertThat(within.movedWithin("751")).isTrue();
        assertThat(within.movedOutOf("751")).isFalse();
        assertThat(within.movedInto("751")).isFalse();
    }

    @Test
    void reportsWhatIsWrongWithACprEvent() {
        ReadResult<PartyEvent> result = PartyEventReader.read(json("""
                { "eventId": "x", "personId": "3201801234", "objekthandling": "Flytning;751;706" }"""));
        assertThat(result.violations()).extracting(Violation::path, Violation::code).containsExactlyInAnyOrder(
                tuple("eventId", ViolationCode.BAD_UUID), tuple("personId", ViolationCode.BAD_PARTY_REF),
                tuple("objekthandling", ViolationCode.BAD_FORMAT), tuple("effectiveAt", ViolationCode.REQUIRED));
        assertThat(result.violations()).allSatisfy(v -> assertThat(v.message()).doesNotContain("3201801234"));

        assertThat(PartyEventReader.read(json("""
                { "eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "personId": "0101801234",
                  "objekthandling": "Navneaendring;KommuneTidligere:751;KommuneNuvaerende:751", "effectiveAt": "2026-11-01T00:00:00Z" }"""))
                .violations()).extracting(Violation::code).containsExactly(ViolationCode.BAD_ENUM);
    }

    @Test
    void reportsWhatIsWrongWithAPartyEvent() {
        ReadResult<PartyEvent> result = PartyEventReader.read(json("""
                { "eventId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "party": "0101801234", "type": "LEFT",
                  "previousMunicipalityCode": "75a", "effectiveAt": "2026-11-01" }"""));
        assertThat(result.violations()).extracting(Violation::path, Violation::code).containsExactlyInAnyOrder(
                tuple("party", ViolationCode.BAD_PARTY_REF), tuple("type", ViolationCode.BAD_ENUM),
                tuple("previousMunicipalityCode", ViolationCode.BAD_FORMAT), tuple("effectiveAt", ViolationCode.BAD_TIMESTAMP));
    }

    @Test
    void theObjekthandlingIsBuiltTheWayItIsRead() {
        assertThat(CprEvent.objekthandling(CprBusinessEvent.FLYTNING, "751", "706"))
                .isEqualTo("Flytning;KommuneTidligere:751;KommuneNuvaerende:706");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
