package dk.overblik.contracts.value;

import dk.overblik.contracts.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartyRefTest {

    @Test
    void parsesPersonAndCompanyReferences() {
        assertThat(PartyRef.parse("urn:oio:cpr-nr:0101801234")).isEqualTo(PartyRef.cpr("0101801234"));
        assertThat(PartyRef.parse("urn:oio:cvr-nr:55133018")).isEqualTo(PartyRef.cvr("55133018"));
        assertThat(PartyRef.cpr("0101801234").urn()).isEqualTo("urn:oio:cpr-nr:0101801234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0101801234", "urn:oio:cpr:0101801234", "urn:oio:cpr-nr:010180123",
            "urn:oio:cpr-nr:3201801234", "urn:oio:cvr-nr:55133019", "urn:oio:cvr-nr:0101801234",
            "URN:OIO:CPR-NR:0101801234", "urn:oio:cpr-nr:0101801234 ", ""})
    void refusesEverythingElse(String urn) {
        assertThat(PartyRef.tryParse(urn)).isEmpty();
    }

    @Test
    void neverPrintsTheNumber() {
        PartyRef ref = PartyRef.cpr("0101801234");
        assertThat(ref.toString()).doesNotContain("0101801234");
        assertThatThrownBy(() -> PartyRef.cpr("3201801234")).hasMessageNotContaining("3201801234");
        assertThatThrownBy(() -> PartyRef.parse("urn:oio:cpr-nr:3201801234")).hasMessageNotContaining("3201801234");
    }

    @Test
    void isAPlainStringInJson() throws Exception {
        String json = Json.mapper().writeValueAsString(PartyRef.cpr("0101801234"));
        assertThat(json).isEqualTo("\"urn:oio:cpr-nr:0101801234\"");
        assertThat(Json.mapper().readValue(json, PartyRef.class)).isEqualTo(PartyRef.cpr("0101801234"));
    }
}
