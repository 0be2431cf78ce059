package dk.overblik.testsupport;

import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.record.DocumentType;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.record.PartyRole;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Small, valid fixtures for tests that need a handful of records; bigger scenarios use the simulator. */
public final class SampleCases {
    public static final String TENANT_A = "55133018";
    public static final String TENANT_B = "29189714";

    private SampleCases() {
    }

    /** A person no other test uses: a valid CPR number with a random birth date and sequence. */
    public static PartyRef randomPerson() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 50));
        int yy = birth.getYear() % 100;
        // Seventh digit 0-3 means the 1900s.
        String number = "%02d%02d%02d%d%03d".formatted(birth.getDayOfMonth(), birth.getMonthValue(), yy,
                random.nextInt(4), random.nextInt(1000));
        return PartyRef.cpr(number);
    }

    /** An open case of source system esdh for a person, registered now. */
    public static CaseRecord openCase(String tenant, PartyRef person, String title) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new CaseRecord(UUID.randomUUID(), tenant, "esdh", "27.24.00-G01-" + ThreadLocalRandom.current().nextInt(1000, 9999),
                title, null, null, new Kle("27.24.00", "G01"), Progress.OPLYST, "Under behandling",
                Sensitivity.FORTROLIGE_PERSONOPLYSNINGER, List.of(new Party(PartyRole.PRIMARY, person)),
                UUID.fromString("9a1b2c3d-0000-4000-8000-000000000001"), null, now.minus(10, ChronoUnit.DAYS), null, now,
                "https://esdh.example/sag/" + UUID.randomUUID());
    }

    /**
     * A new case on the same Kafka partition as {@code other}: once it is indexed, everything sent
     * before it on that partition has been processed (a marker for "the late record was seen").
     */
    public static CaseRecord markerBehind(CaseRecord other, String topic) {
        int partition = KafkaProbe.partition(topic, other.key());
        while (true) {
            CaseRecord marker = openCase(other.tenant(), randomPerson(), "Markør");
            if (KafkaProbe.partition(topic, marker.key()) == partition) {
                return marker;
            }
        }
    }

    /** A letter on one or more cases of the same municipality, registered now. */
    public static DocumentRecord documentOn(String title, CaseRecord... cases) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new DocumentRecord(UUID.randomUUID(), cases[0].tenant(), cases[0].sourceSystem(),
                java.util.Arrays.stream(cases).map(CaseRecord::id).toList(), "D-" + ThreadLocalRandom.current().nextInt(100_000),
                title, DocumentType.INCOMING_LETTER, LocalDate.now(), cases[0].sensitivity(), List.of(cases[0].parties().get(0)),
                now, null);
    }

    /** The same case with other access fields (KLE, sensitivity, responsible unit), registered later. */
    public static CaseRecord withAccess(CaseRecord c, Kle kle, Sensitivity sensitivity, UUID unit, long secondsLater) {
        return new CaseRecord(c.id(), c.tenant(), c.sourceSystem(), c.caseNumber(), c.title(), c.titleAlternative(),
                c.description(), kle, c.progress(), c.sourceStatus(), sensitivity, c.parties(), unit,
                c.primaryCaseworker(), c.openedAt(), c.closedAt(), c.registeredAt().plusSeconds(secondsLater), c.deepLink());
    }

    /** The case as a record of another source system (same id, municipality and registration). */
    public static CaseRecord ofSourceSystem(CaseRecord c, String sourceSystem) {
        return new CaseRecord(c.id(), c.tenant(), sourceSystem, c.caseNumber(), c.title(), c.titleAlternative(),
                c.description(), c.kle(), c.progress(), c.sourceStatus(), c.sensitivity(), c.parties(), c.responsibleUnit(),
                c.primaryCaseworker(), c.openedAt(), c.closedAt(), c.registeredAt(), c.deepLink());
    }

    /** The same case, registered again later with other values. */
    public static CaseRecord laterVersion(CaseRecord c, String newTitle, long secondsLater) {
        return new CaseRecord(c.id(), c.tenant(), c.sourceSystem(), c.caseNumber(), newTitle, c.titleAlternative(),
                c.description(), c.kle(), c.progress(), c.sourceStatus(), c.sensitivity(), c.parties(), c.responsibleUnit(),
                c.primaryCaseworker(), c.openedAt(), c.closedAt(), c.registeredAt().plusSeconds(secondsLater), c.deepLink());
    }
}
