package dk.overblik.advis.rules;

import dk.overblik.contracts.party.PartyEvent;
import dk.overblik.contracts.party.PartyEventType;
import dk.overblik.contracts.value.PartyRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerTest {
    private static PartyEvent moved(String from, String to) {
        return new PartyEvent(UUID.randomUUID(), PartyRef.cpr("0101801234"), PartyEventType.MOVED, from, to, Instant.now());
    }

    @Test
    void aMoveMeansOutInOrWithinDependingOnTheMunicipality() {
        assertThat(Trigger.of(moved("751", "706"), "751")).contains(Trigger.MOVED_OUT);
        assertThat(Trigger.of(moved("751", "706"), "706")).contains(Trigger.MOVED_IN);
        assertThat(Trigger.of(moved("751", "751"), "751")).contains(Trigger.MOVED_WITHIN);
        assertThat(Trigger.of(moved("101", "147"), "751")).isEmpty();
    }

    @Test
    void deathAndAddressProtectionConcernEveryMunicipality() {
        PartyEvent died = new PartyEvent(UUID.randomUUID(), PartyRef.cpr("0101801234"), PartyEventType.DIED, null, null, Instant.now());
        assertThat(Trigger.of(died, "706")).contains(Trigger.DIED);
    }
}
