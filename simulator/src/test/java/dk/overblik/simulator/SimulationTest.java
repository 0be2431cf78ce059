package dk.overblik.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.org.OrgExportCheck;
import dk.overblik.contracts.org.OrgUnitRegistration;
import dk.overblik.contracts.org.UserRegistration;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.validation.PartyEventReader;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Progress;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {
    private static final Scenario SMALL = Scenario.of(42, 400).withDelivery(0.1, 0.3);

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() throws Exception {
        String first = fingerprint(RecordingSink.run(SMALL));
        String again = fingerprint(RecordingSink.run(SMALL));
        Scenario other = new Scenario(43, SMALL.municipalities(), SMALL.citizensPerMunicipality(), SMALL.companiesPerMunicipality(),
                SMALL.unitsPerMunicipality(), SMALL.employeesPerMunicipality(), SMALL.anchor(), SMALL.duplicateRate(),
                SMALL.outOfOrderRate(), SMALL.deletionRate(), SMALL.cprEventRate());
        assertThat(again).isEqualTo(first);
        assertThat(fingerprint(RecordingSink.run(other))).isNotEqualTo(first);
    }

    @Test
    void aPartyIsTheSameWhetherGeneratedAloneOrInARun() {
        RecordingSink whole = RecordingSink.run(Scenario.of(7, 50));
        Simulation alone = new Simulation(Scenario.of(7, 50));
        List<SimRecord> citizen37 = alone.citizen(37);
        assertThat(citizen37).isNotEmpty();
        assertThat(java.util.Collections.indexOfSubList(whole.records, citizen37)).isNotNegative();
    }

    @Test
    void everyGeneratedRecordPassesTheContractsValidation() {
        RecordingSink sink = RecordingSink.run(SMALL);
        RecordReader reader = new RecordReader(Clock.fixed(SMALL.anchor(), ZoneOffset.UTC));
        List<String> problems = new ArrayList<>();
        sink.organisations.values().forEach(export -> OrgExportCheck.check(export).forEach(v -> problems.add("org " + v)));
        for (SimRecord record : sink.records) {
            JsonNode json = Json.mapper().valueToTree(payload(record));
            List<Violation> violations = record instanceof SimRecord.CaseVersion ? reader.readCase(json).violations()
                    : record instanceof SimRecord.DocumentVersion ? reader.readDocument(json).violations()
                    : record instanceof SimRecord.CprEventRecord ? PartyEventReader.read(json).violations()
                    : reader.readDeletion(json).violations();
            violations.forEach(v -> problems.add(record.getClass().getSimpleName() + " " + v));
        }
        assertThat(sink.records).hasSizeGreaterThan(2_000);
        assertThat(problems).isEmpty();
    }

    @Test
    void referencesAreConsistent() {
        RecordingSink sink = RecordingSink.run(SMALL);
        Map<String, OrgExport> exportByTenant = sink.organisations.values().stream()
                .collect(Collectors.toMap(OrgExport::municipality, e -> e));
        Map<String, Set<UUID>> casesByTenant = new HashMap<>();
        int withCaseworker = 0;
        for (SimRecord record : sink.records) {
            if (record instanceof SimRecord.CaseVersion c) {
                CaseRecord r = c.record();
                OrgExport export = exportByTenant.get(r.tenant());
                assertThat(export).as("export of tenant %s", r.tenant()).isNotNull();
                assertThat(export.orgUnits()).extracting(OrgUnitRegistration::uuid).contains(r.responsibleUnit());
                if (r.primaryCaseworker() != null) {
                    withCaseworker++;
                    UserRegistration worker = export.users().stream().filter(u -> u.uuid().equals(r.primaryCaseworker()))
                            .findFirst().orElseThrow(() -> new AssertionError("unknown caseworker " + r.primaryCaseworker()));
                    assertThat(worker.positions()).extracting(UserRegistration.Position::orgUnitUuid).contains(r.responsibleUnit());
                }
                casesByTenant.computeIfAbsent(r.tenant(), t -> new HashSet<>()).add(r.id());
            } else if (record instanceof SimRecord.DocumentVersion d) {
                DocumentRecord r = d.record();
                assertThat(casesByTenant.getOrDefault(r.tenant(), Set.of())).as("cases of document %s", r.id()).containsAll(r.caseIds());
            } else if (record instanceof SimRecord.CaseDeletion d) {
                assertThat(casesByTenant.get(d.deletion().tenant())).contains(d.deletion().id());
            }
        }
        assertThat(withCaseworker).isPositive();
    }

    @Test
    void theDemoUsersWorkWhereTheDemoCitizensCasesAre() {
        RecordingSink sink = RecordingSink.run(Scenario.of(42, 100));
        OrgExport a = sink.organisations.get(Municipality.A);
        OrgExport b = sink.organisations.get(Municipality.B);
        assertThat(a.users()).extracting(UserRegistration::userId)
                .contains("caseworker-a", "callcenter-a", "auditor-a", "advisadmin-a", "admin-a");
        assertThat(b.users()).extracting(UserRegistration::userId).contains("caseworker-b");

        UserRegistration caseworker = a.users().stream().filter(u -> u.userId().equals("caseworker-a")).findFirst().orElseThrow();
        List<CaseRecord> showcase = sink.records.stream().filter(r -> r instanceof SimRecord.CaseVersion)
                .map(r -> ((SimRecord.CaseVersion) r).record())
                .filter(c -> c.parties().get(0).ref().urn().equals("urn:oio:cpr-nr:0101801234")).toList();
        CaseRecord benefit = showcase.stream().filter(c -> c.sourceSystem().equals("ydelse") && c.progress() == Progress.OPLYST)
                .findFirst().orElseThrow();
        assertThat(benefit.tenant()).isEqualTo(Municipality.A.cvr());
        assertThat(benefit.primaryCaseworker()).isEqualTo(caseworker.uuid());
        assertThat(benefit.responsibleUnit()).isEqualTo(caseworker.positions().get(0).orgUnitUuid());
        assertThat(caseworker.clearance()).isGreaterThanOrEqualTo(benefit.sensitivity().level());
        assertThat(showcase).extracting(CaseRecord::tenant).contains(Municipality.B.cvr());
        // caseworker-a's unit performs (or inherits) the benefit's KLE.
        assertThat(new dk.overblik.simulator.Simulation(Scenario.of(42, 100)).organisations().get(0)
                .unitsFor(benefit.kle().subject())).contains(benefit.responsibleUnit());
    }

    @Test
    void duplicatesAndOutOfOrderVersionsAreDeliveredAsAsked() {
        RecordingSink plain = RecordingSink.run(Scenario.of(42, 300));
        RecordingSink shaken = RecordingSink.run(Scenario.of(42, 300).withDelivery(0.1, 0.5));
        assertThat(adjacentRepeats(plain.records)).isZero();
        assertThat(versionsOutOfOrder(plain.records)).isZero();

        long repeats = adjacentRepeats(shaken.records);
        double share = (double) repeats / (shaken.records.size() - repeats);
        assertThat(share).isBetween(0.07, 0.13);
        assertThat(versionsOutOfOrder(shaken.records)).isPositive();
        // Whatever the order, the newest registration of every case is the same as without shaking.
        assertThat(newestVersions(shaken.records)).isEqualTo(newestVersions(plain.records));
    }

    @Test
    void personAndCompanyNumbersAreValidAndUnique() {
        Set<String> cprs = new HashSet<>();
        // 100,000 citizens span several blocks of 21,900 birth days, so block boundaries are covered.
        for (long i = 0; i < 100_000; i++) {
            assertThat(cprs.add(Ids.cpr(i))).as("citizen %d", i).isTrue();
        }
        assertThat(Ids.cpr(0)).isEqualTo("0101801234");
        Set<String> cvrs = new HashSet<>();
        for (long i = 0; i < 10_000; i++) {
            String cvr = Ids.cvr(i);
            assertThat(dk.overblik.contracts.value.Cvr.isValid(cvr)).isTrue();
            assertThat(cvrs.add(cvr)).isTrue();
        }
    }

    @Test
    void kleOfUnitsAndUsersIsWellFormedAndCasesHaveKleTheirUnitCovers() {
        Simulation simulation = new Simulation(SMALL);
        for (var org : simulation.organisations()) {
            org.export().orgUnits().forEach(u -> assertThat(u.tasks()).allMatch(Kle::isScopeEntry));
        }
        RecordingSink sink = RecordingSink.run(SMALL);
        long covered = sink.records.stream().filter(r -> r instanceof SimRecord.CaseVersion).map(r -> ((SimRecord.CaseVersion) r).record())
                .filter(c -> c.tenant().equals(Municipality.A.cvr()))
                .filter(c -> simulation.organisations().get(0).unitsFor(c.kle().subject()).contains(c.responsibleUnit())).count();
        long all = sink.records.stream().filter(r -> r instanceof SimRecord.CaseVersion)
                .filter(r -> ((SimRecord.CaseVersion) r).record().tenant().equals(Municipality.A.cvr())).count();
        assertThat(covered).isEqualTo(all);
    }

    private static long adjacentRepeats(List<SimRecord> records) {
        long repeats = 0;
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).equals(records.get(i - 1))) {
                repeats++;
            }
        }
        return repeats;
    }

    private static long versionsOutOfOrder(List<SimRecord> records) {
        Map<UUID, java.time.Instant> last = new HashMap<>();
        long count = 0;
        for (SimRecord r : records) {
            if (r instanceof SimRecord.CaseVersion c) {
                java.time.Instant before = last.put(c.record().id(), c.record().registeredAt());
                if (before != null && before.isAfter(c.record().registeredAt())) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Map<UUID, CaseRecord> newestVersions(List<SimRecord> records) {
        Map<UUID, CaseRecord> newest = new HashMap<>();
        for (SimRecord r : records) {
            if (r instanceof SimRecord.CaseVersion c) {
                newest.merge(c.record().id(), c.record(), (a, b) -> a.registeredAt().isAfter(b.registeredAt()) ? a : b);
            }
        }
        return newest;
    }

    private static Object payload(SimRecord record) {
        if (record instanceof SimRecord.CaseVersion c) {
            return c.record();
        } else if (record instanceof SimRecord.DocumentVersion d) {
            return d.record();
        } else if (record instanceof SimRecord.CaseDeletion d) {
            return d.deletion();
        } else if (record instanceof SimRecord.DocumentDeletion d) {
            return d.deletion();
        }
        return ((SimRecord.CprEventRecord) record).event();
    }

    private static String fingerprint(RecordingSink sink) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        sink.organisations.values().forEach(e -> digest.update(Json.toBytes(e)));
        sink.records.forEach(r -> digest.update(Json.toBytes(payload(r))));
        return HexFormat.of().formatHex(digest.digest());
    }
}
