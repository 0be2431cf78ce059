package dk.overblik.contracts.record;

import dk.overblik.contracts.event.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationVersionTest {

    @Test
    void laterRegistrationsHaveHigherVersionsDownToTheMicrosecond() {
        Instant t = Instant.parse("2024-03-05T10:15:30.123456Z");
        assertThat(RegistrationVersion.of(t)).isEqualTo(1709633730123456L);
        assertThat(RegistrationVersion.of(t.plusNanos(1000))).isGreaterThan(RegistrationVersion.of(t));
        assertThat(RegistrationVersion.toInstant(RegistrationVersion.of(t))).isEqualTo(t);
    }

    @Test
    void instantsBeforeTheEpochStillOrder() {
        Instant before = Instant.parse("1969-12-31T23:59:59.500Z");
        assertThat(RegistrationVersion.of(before)).isEqualTo(-500_000L);
        assertThat(RegistrationVersion.toInstant(-500_000L)).isEqualTo(before);
    }

    @Test
    void keysAndTopicsFollowTheDesign() {
        UUID id = UUID.fromString("3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b");
        assertThat(RecordKey.of("55133018", id)).isEqualTo("55133018/3f6c2a0e-8d1b-4a52-9a57-0c1d2e3f4a5b");
        assertThat(Topics.deadLetter(Topics.CASES)).isEqualTo("overblik.cases.v1.dlq");
    }
}
