package dk.overblik.contracts.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.record.DocumentType;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static dk.overblik.contracts.validation.Samples.READER;
import static dk.overblik.contracts.validation.Samples.documentJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DocumentAndDeletionReadingTest {

    @Test
    void readsAValidDocumentAndWritesItBackUnchanged() {
        ReadResult<DocumentRecord> result = READER.readDocument(documentJson());
        assertThat(result.violations()).isEmpty();
        DocumentRecord d = result.value();
        assertThat(d.type()).isEqualTo(DocumentType.INCOMING_LETTER);
        assertThat(d.letterDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(d.caseIds()).containsExactly(UUID.fromString("3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b"));
        assertThat(READER.readDocument(Json.toBytes(d)).value()).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "tenant", "sourceSystem", "caseIds", "documentNumber", "title", "type", "letterDate",
            "sensitivity", "parties", "registeredAt"})
    void requiredDocumentFields(String field) {
        assertThat(violations(j -> j.remove(field))).containsExactly(tuple(field, ViolationCode.REQUIRED));
    }

    @Test
    void aDocumentBelongsToOneToAHundredDistinctCases() {
        assertThat(violations(j -> j.putArray("caseIds"))).containsExactly(tuple("caseIds", ViolationCode.TOO_FEW));
        assertThat(violations(j -> j.withArray("caseIds").add("3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b")))
                .containsExactly(tuple("caseIds[1]", ViolationCode.DUPLICATE));
        assertThat(violations(j -> j.withArray("caseIds").add("nope"))).containsExactly(tuple("caseIds[1]", ViolationCode.BAD_UUID));
        assertThat(violations(j -> {
            var ids = j.putArray("caseIds");
            for (int i = 0; i < 101; i++) {
                ids.add(UUID.randomUUID().toString());
            }
        })).containsExactly(tuple("caseIds", ViolationCode.TOO_MANY));
    }

    @Test
    void aDocumentMayHaveNoParties() {
        assertThat(violations(j -> j.putArray("parties"))).isEmpty();
    }

    @Test
    void letterDateIsADateAndTypeIsKnown() {
        assertThat(violations(j -> j.put("letterDate", "2024-03-01T00:00:00Z"))).containsExactly(tuple("letterDate", ViolationCode.BAD_DATE));
        assertThat(violations(j -> j.put("letterDate", "2024-02-30"))).containsExactly(tuple("letterDate", ViolationCode.BAD_DATE));
        assertThat(violations(j -> j.put("letterDate", "+10000-01-01"))).containsExactly(tuple("letterDate", ViolationCode.OUT_OF_RANGE));
        assertThat(violations(j -> j.put("letterDate", "9999-12-31"))).isEmpty();
        assertThat(violations(j -> j.put("type", "LETTER"))).containsExactly(tuple("type", ViolationCode.BAD_ENUM));
        assertThat(violations(j -> j.put("documentNumber", "x".repeat(51)))).containsExactly(tuple("documentNumber", ViolationCode.TOO_LONG));
    }

    @Test
    void readsDeletions() {
        ObjectNode json = Samples.parse("""
                {"id": "3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b", "tenant": "55133018", "sourceSystem": "esdh",
                 "registeredAt": "2024-03-06T00:00:00Z"}""");
        ReadResult<Deletion> result = READER.readDeletion(json);
        assertThat(result.value()).isEqualTo(new Deletion(UUID.fromString("3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b"),
                "55133018", "esdh", Instant.parse("2024-03-06T00:00:00Z")));
        assertThat(READER.readDeletion(Json.toBytes(result.value())).value()).isEqualTo(result.value());

        json.remove("registeredAt");
        json.put("tenant", "x");
        assertThat(READER.readDeletion(json).violations()).extracting(Violation::path, Violation::code)
                .containsExactlyInAnyOrder(tuple("registeredAt", ViolationCode.REQUIRED), tuple("tenant", ViolationCode.BAD_TENANT));
    }

    @Test
    void aDeletionTimeGivenOutsideTheBodyIsCheckedToo() {
        assertThat(READER.checkRegisteredAt(Samples.NOW, "registeredAt")).isEmpty();
        assertThat(READER.checkRegisteredAt(Samples.NOW.plusSeconds(3600), "registeredAt"))
                .extracting(Violation::code).containsExactly(ViolationCode.IN_FUTURE);
        assertThat(READER.checkRegisteredAt(java.time.Instant.parse("1969-12-31T23:00:00Z"), "registeredAt"))
                .extracting(Violation::code).containsExactly(ViolationCode.OUT_OF_RANGE);
    }

    private static List<Tuple> violations(Consumer<ObjectNode> change) {
        ObjectNode json = documentJson();
        change.accept(json);
        return READER.readDocument(json).violations().stream().map(v -> tuple(v.path(), v.code())).toList();
    }
}
