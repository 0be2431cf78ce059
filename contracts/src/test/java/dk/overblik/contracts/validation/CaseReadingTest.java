package dk.overblik.contracts.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.PartyRole;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import static dk.overblik.contracts.validation.Samples.READER;
import static dk.overblik.contracts.validation.Samples.caseJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CaseReadingTest {

    @Test
    void readsTheDesignExample() {
        ReadResult<CaseRecord> result = READER.readCase(caseJson());

        assertThat(result.violations()).isEmpty();
        CaseRecord c = result.value();
        assertThat(c.id()).isEqualTo(UUID.fromString("3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b"));
        assertThat(c.tenant()).isEqualTo("55133018");
        assertThat(c.kle()).isEqualTo(new Kle("27.24.00", "G01"));
        assertThat(c.progress()).isEqualTo(Progress.OPLYST);
        assertThat(c.sensitivity()).isEqualTo(Sensitivity.FORTROLIGE_PERSONOPLYSNINGER);
        assertThat(c.parties()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo(PartyRole.PRIMARY);
            assertThat(p.ref()).isEqualTo(PartyRef.cpr("0101801234"));
        });
        assertThat(c.registeredAt()).isEqualTo(Instant.parse("2024-03-05T10:15:30.123Z"));
        assertThat(c.titleAlternative()).isNull();
        assertThat(c.key()).isEqualTo("55133018/3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b");
    }

    @Test
    void writingAndReadingAgainGivesTheSameRecord() {
        CaseRecord original = READER.readCase(caseJson()).value();
        ReadResult<CaseRecord> again = READER.readCase(Json.toBytes(original));
        assertThat(again.value()).isEqualTo(original);
    }

    @Test
    void reportsEveryViolationAtOnceWithPaths() {
        ObjectNode json = caseJson();
        json.remove("title");
        json.put("tenant", "1234");
        json.with("kle").put("subject", "27.24");
        json.with("kle").put("facet", "g1");
        json.put("progress", "DONE");
        json.put("sensitivity", "SECRET");
        ((ObjectNode) json.withArray("parties").get(0)).put("ref", "urn:oio:cpr-nr:123");
        json.put("openedAt", "2024-03-01 09:00");
        json.put("titel", "typo");

        ReadResult<CaseRecord> result = READER.readCase(json);

        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).extracting(Violation::path, Violation::code).containsExactlyInAnyOrder(
                tuple("title", ViolationCode.REQUIRED),
                tuple("tenant", ViolationCode.BAD_TENANT),
                tuple("kle.subject", ViolationCode.BAD_KLE_SUBJECT),
                tuple("kle.facet", ViolationCode.BAD_KLE_FACET),
                tuple("progress", ViolationCode.BAD_ENUM),
                tuple("sensitivity", ViolationCode.BAD_ENUM),
                tuple("parties[0].ref", ViolationCode.BAD_PARTY_REF),
                tuple("openedAt", ViolationCode.BAD_TIMESTAMP),
                tuple("titel", ViolationCode.UNKNOWN_FIELD));
    }

    @Test
    void messagesNeverRepeatThePersonNumber() {
        ObjectNode json = caseJson();
        ((ObjectNode) json.withArray("parties").get(0)).put("ref", "urn:oio:cpr-nr:3201801234");
        assertThat(READER.readCase(json).violations())
                .allSatisfy(v -> assertThat(v.message()).doesNotContain("3201801234"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "tenant", "sourceSystem", "caseNumber", "title", "kle", "progress", "sensitivity",
            "parties", "responsibleUnit", "openedAt", "registeredAt"})
    void requiredFieldsMustBePresentAndNotNull(String field) {
        assertThat(violations(j -> j.remove(field))).containsExactly(tuple(field, ViolationCode.REQUIRED));
        assertThat(violations(j -> j.putNull(field))).containsExactly(tuple(field, ViolationCode.REQUIRED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"titleAlternative", "description", "sourceStatus", "primaryCaseworker", "closedAt", "deepLink"})
    void optionalFieldsMayBeLeftOut(String field) {
        assertThat(violations(j -> j.remove(field))).isEmpty();
    }

    @Test
    void lengthsAreEnforcedAtTheirExactLimits() {
        assertThat(violations(j -> j.put("caseNumber", "x".repeat(50)))).isEmpty();
        assertThat(violations(j -> j.put("caseNumber", "x".repeat(51)))).containsExactly(tuple("caseNumber", ViolationCode.TOO_LONG));
        assertThat(violations(j -> j.put("title", "x".repeat(255)))).isEmpty();
        assertThat(violations(j -> j.put("title", "x".repeat(256)))).containsExactly(tuple("title", ViolationCode.TOO_LONG));
        assertThat(violations(j -> j.put("titleAlternative", "x".repeat(256)))).containsExactly(tuple("titleAlternative", ViolationCode.TOO_LONG));
        assertThat(violations(j -> j.put("description", "x".repeat(4096)))).isEmpty();
        assertThat(violations(j -> j.put("description", "x".repeat(4097)))).containsExactly(tuple("description", ViolationCode.TOO_LONG));
        assertThat(violations(j -> j.put("sourceStatus", "x".repeat(256)))).containsExactly(tuple("sourceStatus", ViolationCode.TOO_LONG));
    }

    @Test
    void requiredTextMustNotBeBlankAndBlankOptionalTextIsAbsent() {
        assertThat(violations(j -> j.put("title", "   "))).containsExactly(tuple("title", ViolationCode.BLANK));
        assertThat(READER.readCase(with(j -> j.put("description", " "))).value().description()).isNull();
    }

    @Test
    void singleLineFieldsRefuseControlCharactersButDescriptionsMayBreakLines() {
        assertThat(violations(j -> j.put("title", "Ansøgning\nom støtte"))).containsExactly(tuple("title", ViolationCode.CONTROL_CHARACTER));
        assertThat(violations(j -> j.put("caseNumber", "12\u000034"))).containsExactly(tuple("caseNumber", ViolationCode.CONTROL_CHARACTER));
        assertThat(violations(j -> j.put("description", "Linje 1\nLinje 2\tmed tab"))).isEmpty();
        assertThat(violations(j -> j.put("description", "bell\u0007"))).containsExactly(tuple("description", ViolationCode.CONTROL_CHARACTER));
    }

    @Test
    void typesAreChecked() {
        assertThat(violations(j -> j.put("title", 42))).containsExactly(tuple("title", ViolationCode.WRONG_TYPE));
        assertThat(violations(j -> j.put("parties", "urn:oio:cpr-nr:0101801234"))).containsExactly(tuple("parties", ViolationCode.WRONG_TYPE));
        assertThat(violations(j -> j.put("kle", "27.24.00"))).containsExactly(tuple("kle", ViolationCode.NOT_AN_OBJECT));
        assertThat(violations(j -> j.put("progress", 2))).containsExactly(tuple("progress", ViolationCode.BAD_ENUM));
        assertThat(violations(j -> j.put("sensitivity", "fortrolige_personoplysninger"))).containsExactly(tuple("sensitivity", ViolationCode.BAD_ENUM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f6c2a0e8d1b4a529a570c1d2e3f4a5b", "3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5", "not-a-uuid", "{3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b}"})
    void idsMustBeCanonicalUuids(String id) {
        assertThat(violations(j -> j.put("id", id))).containsExactly(tuple("id", ViolationCode.BAD_UUID));
        assertThat(violations(j -> j.put("responsibleUnit", id))).containsExactly(tuple("responsibleUnit", ViolationCode.BAD_UUID));
        assertThat(violations(j -> j.put("primaryCaseworker", id))).containsExactly(tuple("primaryCaseworker", ViolationCode.BAD_UUID));
    }

    @Test
    void upperCaseUuidsAreAccepted() {
        assertThat(READER.readCase(with(j -> j.put("id", "3F6C2A0E-8D1B-4A52-9A57-0C1D2E3F4A5B"))).value().id())
                .isEqualTo(UUID.fromString("3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05T10:15:30", "2024-03-05", "05-03-2024T10:15:30Z", "1709633730"})
    void timestampsNeedAZone(String value) {
        assertThat(violations(j -> j.put("registeredAt", value))).containsExactly(tuple("registeredAt", ViolationCode.BAD_TIMESTAMP));
    }

    @Test
    void timestampsWithAnOffsetAreNormalisedToUtc() {
        CaseRecord c = READER.readCase(with(j -> j.put("registeredAt", "2024-03-05T11:15:30.123+01:00"))).value();
        assertThat(c.registeredAt()).isEqualTo(Instant.parse("2024-03-05T10:15:30.123Z"));
    }

    @Test
    void aRegistrationTimeFarInTheFutureIsRefused() {
        assertThat(violations(j -> j.put("registeredAt", "2026-01-01T12:05:00Z"))).isEmpty();
        assertThat(violations(j -> j.put("registeredAt", "2026-01-01T12:05:01Z")))
                .containsExactly(tuple("registeredAt", ViolationCode.IN_FUTURE));
    }

    @Test
    void aReaderAsOfAnEarlierTimeJudgesTheFutureFromThatTime() {
        RecordReader asPublished = READER.asOf(Instant.parse("2025-06-01T08:00:00Z"));
        byte[] fourMinutesLater = Json.toBytes(with(j -> j.put("registeredAt", "2025-06-01T08:04:00Z")));
        byte[] sixMinutesLater = Json.toBytes(with(j -> j.put("registeredAt", "2025-06-01T08:06:00Z")));

        assertThat(asPublished.readCase(fourMinutesLater).isValid()).isTrue();
        assertThat(asPublished.readCase(sixMinutesLater).violations()).extracting(Violation::path, Violation::code)
                .containsExactly(tuple("registeredAt", ViolationCode.IN_FUTURE));
        assertThat(asPublished.readDeletion(Json.toBytes(Json.mapper().createObjectNode()
                .put("id", "3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b").put("tenant", "55133018").put("sourceSystem", "esdh")
                .put("registeredAt", "2025-06-01T08:06:00Z"))).violations()).extracting(Violation::code)
                .containsExactly(ViolationCode.IN_FUTURE);
        // The reader it came from still judges from its own clock, seven months later.
        assertThat(READER.readCase(sixMinutesLater).isValid()).isTrue();
    }

    @Test
    void timesBeyondTheFourDigitYearsAreRefused() {
        assertThat(violations(j -> j.put("openedAt", "+10000-01-01T00:00:00Z"))).containsExactly(tuple("openedAt", ViolationCode.OUT_OF_RANGE));
        assertThat(violations(j -> j.put("openedAt", "9999-12-31T23:30:00-01:00"))).containsExactly(tuple("openedAt", ViolationCode.OUT_OF_RANGE));
        assertThat(violations(j -> j.put("openedAt", "9999-12-31T23:59:59Z"))).isEmpty();
    }

    @Test
    void aRegistrationTimeBeforeTheFirstVersionIsRefused() {
        assertThat(violations(j -> j.put("registeredAt", "1970-01-01T00:00:00Z"))).isEmpty();
        assertThat(violations(j -> j.put("registeredAt", "1969-12-31T23:59:59.999999Z")))
                .containsExactly(tuple("registeredAt", ViolationCode.OUT_OF_RANGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ESDH", "-esdh", "es dh", "esdh/1", "æsdh"})
    void sourceSystemIsASimpleLowerCaseName(String name) {
        assertThat(violations(j -> j.put("sourceSystem", name))).containsExactly(tuple("sourceSystem", ViolationCode.BAD_SOURCE_SYSTEM));
    }

    @Test
    void sourceSystemNamesMayHoldDigitsDotsDashesAndUnderscores() {
        assertThat(violations(j -> j.put("sourceSystem", "kmd-sag_2.0"))).isEmpty();
        assertThat(violations(j -> j.put("sourceSystem", "a".repeat(65)))).containsExactly(tuple("sourceSystem", ViolationCode.TOO_LONG));
    }

    @Test
    void kleObjectIsStrict() {
        assertThat(violations(j -> j.with("kle").remove("facet"))).containsExactly(tuple("kle.facet", ViolationCode.REQUIRED));
        assertThat(violations(j -> j.with("kle").put("extra", "x"))).containsExactly(tuple("kle.extra", ViolationCode.UNKNOWN_FIELD));
        assertThat(violations(j -> j.with("kle").put("subject", "27.24.00.01"))).containsExactly(tuple("kle.subject", ViolationCode.TOO_LONG));
    }

    @Test
    void partiesNeedAtLeastOneWellFormedUniqueEntry() {
        assertThat(violations(j -> j.putArray("parties"))).containsExactly(tuple("parties", ViolationCode.TOO_FEW));
        assertThat(violations(j -> j.withArray("parties").addObject().put("role", "SECONDARY").put("ref", "urn:oio:cvr-nr:29189714"))).isEmpty();
        assertThat(violations(j -> j.withArray("parties").addObject().put("role", "PRIMARY").put("ref", "urn:oio:cpr-nr:0101801234")))
                .containsExactly(tuple("parties[1]", ViolationCode.DUPLICATE));
        assertThat(violations(j -> j.withArray("parties").addObject().put("role", "OWNER").put("ref", "urn:oio:cvr-nr:29189714")))
                .containsExactly(tuple("parties[1].role", ViolationCode.BAD_ENUM));
        assertThat(violations(j -> j.withArray("parties").add("urn:oio:cvr-nr:29189714")))
                .containsExactly(tuple("parties[1]", ViolationCode.NOT_AN_OBJECT));
        assertThat(violations(j -> j.withArray("parties").addObject().put("role", "PRIMARY")))
                .containsExactly(tuple("parties[1].ref", ViolationCode.REQUIRED));
    }

    @Test
    void partiesAreLimited() {
        assertThat(violations(j -> {
            ArrayNode parties = j.putArray("parties");
            for (int i = 0; i < 101; i++) {
                parties.addObject().put("role", "SECONDARY").put("ref", "urn:oio:cpr-nr:01018%04d".formatted(i));
            }
        })).containsExactly(tuple("parties", ViolationCode.TOO_MANY));
    }

    @Test
    void closedAtAgreesWithProgressAndOpenedAt() {
        assertThat(violations(j -> j.put("progress", "AFSLUTTET").put("closedAt", "2024-04-01T00:00:00Z"))).isEmpty();
        assertThat(violations(j -> j.put("progress", "AFSLUTTET")))
                .containsExactly(tuple("closedAt", ViolationCode.INCONSISTENT));
        assertThat(violations(j -> j.put("closedAt", "2024-04-01T00:00:00Z")))
                .containsExactly(tuple("closedAt", ViolationCode.INCONSISTENT));
        assertThat(violations(j -> j.put("progress", "AFSLUTTET").put("closedAt", "2024-02-01T00:00:00Z")))
                .containsExactly(tuple("closedAt", ViolationCode.INCONSISTENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://esdh.example/sag/1", "esdh.example/sag/1", "https://", "javascript:alert(1)"})
    void deepLinksAreHttpUrls(String link) {
        assertThat(violations(j -> j.put("deepLink", link))).containsExactly(tuple("deepLink", ViolationCode.BAD_URL));
    }

    @Test
    void notAnObjectOrNotJsonAtAll() {
        assertThat(READER.readCase(JsonNodeFactory.instance.arrayNode()).violations())
                .extracting(Violation::path, Violation::code).containsExactly(tuple("$", ViolationCode.NOT_AN_OBJECT));
        assertThat(READER.readCase("{\"id\":".getBytes(StandardCharsets.UTF_8)).violations())
                .extracting(Violation::path, Violation::code).containsExactly(tuple("$", ViolationCode.MALFORMED_JSON));
        assertThat(READER.readCase(new byte[0]).violations())
                .extracting(Violation::code).containsExactly(ViolationCode.MALFORMED_JSON);
    }

    @Test
    void aPathPrefixLocatesTheRecordInABatch() {
        ObjectNode json = caseJson();
        json.remove("title");
        assertThat(READER.readCase(json, "[3]").violations()).extracting(Violation::path).containsExactly("[3].title");
    }

    private static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode json = caseJson();
        change.accept(json);
        return json;
    }

    private static java.util.List<org.assertj.core.groups.Tuple> violations(Consumer<ObjectNode> change) {
        return READER.readCase(with(change)).violations().stream()
                .map(v -> tuple(v.path(), v.code())).toList();
    }
}
