package dk.overblik.advis.matching;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.advis.rules.RuleCondition;
import dk.overblik.advis.rules.Trigger;
import dk.overblik.advis.triggers.TriggerEvent;
import dk.overblik.contracts.value.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CaseMatcherQueryTest {
    private static final String PARTY = "urn:oio:cpr-nr:0101801234";

    @Test
    void aPartyEventLooksAtTheMunicipalitysLiveCasesOfTheCitizenThatMeetTheCondition() {
        TriggerEvent moved = new TriggerEvent(UUID.randomUUID(), "55133018", Trigger.MOVED_OUT, List.of(PARTY), null, Map.of());
        JsonNode query = CaseMatcher.query(moved, new RuleCondition(List.of("32", "27.24"), List.of(Progress.OPLYST), List.of("ydelse"),
                2, false));
        String filters = query.path("bool").path("filter").toString();
        assertThat(filters).contains("{\"term\":{\"tenant\":\"55133018\"}}", "{\"terms\":{\"partyRefs\":[\"" + PARTY + "\"]}}",
                "{\"term\":{\"deleted\":false}}", "{\"terms\":{\"kleScope\":[\"32\",\"27.24\"]}}", "{\"terms\":{\"progress\":[\"OPLYST\"]}}",
                "{\"terms\":{\"sourceSystem\":[\"ydelse\"]}}", "{\"range\":{\"sensitivityLevel\":{\"lte\":2}}}");
        assertThat(query.path("bool").has("must_not")).isFalse();
    }

    @Test
    void aCaseEventNeverMatchesTheCaseThatChangedAndCanKeepToOtherSystems() {
        UUID changed = UUID.randomUUID();
        TriggerEvent opened = new TriggerEvent(UUID.randomUUID(), "55133018", Trigger.CASE_OPENED, List.of(PARTY),
                new TriggerEvent.TriggerCase(changed, "jobcenter"), Map.of());
        JsonNode anyCondition = CaseMatcher.query(opened, new RuleCondition(List.of(), List.of(), List.of(), null, false));
        assertThat(anyCondition.path("bool").path("must_not").toString()).isEqualTo("[{\"term\":{\"id\":\"" + changed + "\"}}]");
        assertThat(anyCondition.path("bool").path("filter")).hasSize(3);
        JsonNode otherSystems = CaseMatcher.query(opened, new RuleCondition(List.of(), List.of(), List.of(), null, true));
        assertThat(otherSystems.path("bool").path("must_not").toString()).contains("{\"term\":{\"sourceSystem\":\"jobcenter\"}}");
    }
}
