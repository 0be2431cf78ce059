package dk.overblik.advis.rules;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTemplateTest {

    @Test
    void fillsKnownPlaceholdersAndEmptiesMissingValues() {
        String message = MessageTemplate.fill("Stop {caseNumber} ({caseTitle}) from {effectiveAt}{currentMunicipality}",
                Map.of("caseNumber", "32.12.00-G01-1", "caseTitle", "Kontanthjælp $1", "effectiveAt", "01-11-2026"));
        assertThat(message).isEqualTo("Stop 32.12.00-G01-1 (Kontanthjælp $1) from 01-11-2026");
    }

    @Test
    void namesUnknownPlaceholders() {
        assertThat(MessageTemplate.unknownPlaceholders("Hello {cpr} and {caseTitle} and {x}")).containsExactly("cpr", "x");
        assertThat(MessageTemplate.unknownPlaceholders("No placeholders")).isEmpty();
    }
}
