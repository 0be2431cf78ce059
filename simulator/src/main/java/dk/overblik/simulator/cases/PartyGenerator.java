package dk.overblik.simulator.cases;

import dk.overblik.contracts.party.CprBusinessEvent;
import dk.overblik.contracts.party.CprEvent;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.record.DocumentType;
import dk.overblik.contracts.record.Party;
import dk.overblik.contracts.record.PartyRole;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Progress;
import dk.overblik.contracts.value.Sensitivity;
import dk.overblik.simulator.Ids;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.cases.SourceSystem.CaseKind;
import dk.overblik.simulator.org.Organisation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Everything one citizen or company brings: its cases with their progress histories across the
 * source systems, documents, deletions and (for citizens) CPR events, in delivery order. The
 * records of a party depend only on the scenario's seed and the party's number, so any slice of a
 * huge run can be generated alone and without memory of the rest.
 */
public final class PartyGenerator {
    private static final Duration FIVE_YEARS = Duration.ofDays(5 * 365);
    private static final List<String> STATUS = List.of("Modtaget", "Under behandling", "Afgjort", "Afsluttet");

    private final Scenario scenario;
    private final List<Organisation> organisations;

    /** Organisations in the scenario's municipality order. */
    public PartyGenerator(Scenario scenario, List<Organisation> organisations) {
        this.scenario = scenario;
        this.organisations = List.copyOf(organisations);
    }

    /** Citizen number {@code index} of the whole scenario (municipality by municipality). */
    public List<SimRecord> citizen(long index) {
        int home = (int) (index / scenario.citizensPerMunicipality());
        SplittableRandom random = Ids.random(scenario.seed(), 2, index);
        PartyRef person = PartyRef.cpr(Ids.cpr(index));
        Batch batch = new Batch(random);
        if (index == 0 && scenario.municipalities().get(0).equals(Municipality.A)) {
            showcase(batch, person);
        } else {
            int cases = caseCount(random);
            for (int i = 0; i < cases; i++) {
                SourceSystem system = pickSystem(random);
                List<CaseKind> kinds = system.kinds().stream().filter(CaseKind::forPersons).toList();
                int tenant = random.nextDouble() < 0.03 && scenario.municipalities().size() > 1
                        ? (home + 1 + random.nextInt(scenario.municipalities().size() - 1)) % scenario.municipalities().size()
                        : home;
                addCase(batch, tenant, system, kinds.get(random.nextInt(kinds.size())), person, secondaryFor(index, random), null);
            }
        }
        batch.finishDocuments();
        if (index != 0 && random.nextDouble() < scenario.cprEventRate()) {
            batch.out.add(new SimRecord.CprEventRecord(cprEvent(random, person, home)));
        }
        return batch.delivered();
    }

    /** Company number {@code index} of the whole scenario. */
    public List<SimRecord> company(long index) {
        int home = (int) (index / Math.max(1, scenario.companiesPerMunicipality()));
        SplittableRandom random = Ids.random(scenario.seed(), 3, index);
        PartyRef company = PartyRef.cvr(Ids.cvr(index));
        Batch batch = new Batch(random);
        List<CaseKind> kinds = SourceSystem.ESDH.kinds().stream().filter(CaseKind::forCompanies).toList();
        int cases = 1 + random.nextInt(2);
        for (int i = 0; i < cases; i++) {
            addCase(batch, home, SourceSystem.ESDH, kinds.get(random.nextInt(kinds.size())), company, null, null);
        }
        batch.finishDocuments();
        return batch.delivered();
    }

    /**
     * The person the demo and the README look up (0101801234): an open benefit case with
     * caseworker-a, an open housing case, a closed jobcentre case, and an old case in B.
     */
    private void showcase(Batch batch, PartyRef person) {
        Organisation a = organisations.get(0);
        UUID caseworker = a.user("caseworker-a").uuid();
        UUID benefitsUnit = a.user("caseworker-a").positions().get(0).orgUnitUuid();
        addCase(batch, 0, SourceSystem.YDELSE, SourceSystem.YDELSE.kinds().get(0), person, null,
                new Organisation.Assignment(benefitsUnit, caseworker), Progress.OPLYST);
        addCase(batch, 0, SourceSystem.ESDH, SourceSystem.ESDH.kinds().get(0), person, null, null, Progress.OPLYST);
        addCase(batch, 0, SourceSystem.JOBCENTER, SourceSystem.JOBCENTER.kinds().get(0), person, null, null, Progress.AFSLUTTET);
        if (scenario.municipalities().size() > 1) {
            addCase(batch, 1, SourceSystem.ESDH, SourceSystem.ESDH.kinds().get(0), person, null, null, Progress.AFSLUTTET);
        }
    }

    private void addCase(Batch batch, int tenantIndex, SourceSystem system, CaseKind kind, PartyRef primary, PartyRef secondary,
                         Organisation.Assignment fixed) {
        addCase(batch, tenantIndex, system, kind, primary, secondary, fixed, finalProgress(batch.random));
    }

    private void addCase(Batch batch, int tenantIndex, SourceSystem system, CaseKind kind, PartyRef primary, PartyRef secondary,
                         Organisation.Assignment fixed, Progress finalProgress) {
        SplittableRandom random = batch.random;
        Municipality tenant = scenario.municipalities().get(tenantIndex);
        Organisation.Assignment assignment = fixed != null ? fixed : organisations.get(tenantIndex).assign(kind.kleSubject(), random);
        UUID id = Ids.uuid(random);
        Sensitivity sensitivity = sensitivity(kind, random);
        List<Party> parties = new ArrayList<>();
        parties.add(new Party(PartyRole.PRIMARY, primary));
        if (secondary != null) {
            parties.add(new Party(PartyRole.SECONDARY, secondary));
        }
        Instant anchor = scenario.anchor();
        Instant openedAt = anchor.minusSeconds(3600 + random.nextLong(FIVE_YEARS.toSeconds())).truncatedTo(ChronoUnit.SECONDS);
        String caseNumber = "%s-%s-%05d-%02d".formatted(kind.kleSubject(), kind.facet(), 1 + random.nextInt(99_999),
                openedAt.atOffset(ZoneOffset.UTC).getYear() % 100);
        String deepLink = "https://%s.%s.example/sag/%s".formatted(system.systemName(), tenant.code(), id);
        String titleAlternative = sensitivity.level() >= 3 ? "Fortrolig sag" : null;

        List<CaseRecord> versions = new ArrayList<>();
        Instant registered = openedAt;
        for (Progress progress : Progress.values()) {
            if (progress.ordinal() > finalProgress.ordinal()) {
                break;
            }
            if (progress.ordinal() > 0) {
                registered = later(registered, random, anchor);
            }
            Instant closedAt = progress == Progress.AFSLUTTET ? registered : null;
            versions.add(new CaseRecord(id, tenant.cvr(), system.systemName(), caseNumber, kind.title(), titleAlternative, null,
                    new Kle(kind.kleSubject(), kind.facet()), progress, STATUS.get(progress.ordinal()), sensitivity, parties,
                    assignment.unit(), assignment.caseworker(), openedAt, closedAt, registered.plusMillis(random.nextInt(1000)),
                    deepLink));
        }
        boolean reversed = versions.size() > 1 && random.nextDouble() < scenario.outOfOrderRate();
        if (reversed) {
            Collections.reverse(versions);
        }
        versions.forEach(v -> batch.deliver(new SimRecord.CaseVersion(v)));
        CaseRecord latest = reversed ? versions.get(0) : versions.get(versions.size() - 1);
        batch.cases.add(latest);
        if (random.nextDouble() < scenario.deletionRate()) {
            batch.deliver(new SimRecord.CaseDeletion(new Deletion(id, tenant.cvr(), system.systemName(),
                    later(latest.registeredAt(), random, anchor))));
        }
    }

    private static Instant later(Instant after, SplittableRandom random, Instant anchor) {
        Instant next = after.plusSeconds(3600 + random.nextLong(Duration.ofDays(60).toSeconds()));
        // Never past the simulated now: squeeze the rest of the history into the time left.
        return next.isBefore(anchor) ? next : after.plusSeconds(1 + random.nextInt(60));
    }

    private PartyRef secondaryFor(long index, SplittableRandom random) {
        if (random.nextDouble() >= 0.15) {
            return null;
        }
        long total = (long) scenario.citizensPerMunicipality() * scenario.municipalities().size();
        long other = (index + 1 + random.nextLong(Math.max(1, total - 1))) % total;
        return other == index ? null : PartyRef.cpr(Ids.cpr(other));
    }

    private CprEvent cprEvent(SplittableRandom random, PartyRef person, int home) {
        String own = scenario.municipalities().get(home).code();
        double r = random.nextDouble();
        CprBusinessEvent event;
        String previous;
        String current;
        if (r < 0.35) {
            event = CprBusinessEvent.FLYTNING;
            previous = own;
            current = own;
        } else if (r < 0.65) {
            event = CprBusinessEvent.FLYTNING;
            previous = own;
            current = elsewhere(random, home);
        } else if (r < 0.75) {
            event = CprBusinessEvent.FLYTNING;
            previous = elsewhere(random, home);
            current = own;
        } else if (r < 0.90) {
            event = CprBusinessEvent.DOEDSFALD;
            previous = own;
            current = own;
        } else {
            event = CprBusinessEvent.ADRESSEBESKYTTELSE;
            previous = own;
            current = own;
        }
        Instant effectiveAt = scenario.anchor().minusSeconds(random.nextLong(Duration.ofDays(30).toSeconds())).truncatedTo(ChronoUnit.SECONDS);
        return new CprEvent(Ids.uuid(random), person.number(), CprEvent.objekthandling(event, previous, current), effectiveAt);
    }

    /** Half of those who leave go to another municipality of the scenario (so its services see them arrive). */
    private String elsewhere(SplittableRandom random, int home) {
        if (scenario.municipalities().size() > 1 && random.nextBoolean()) {
            int other = (home + 1 + random.nextInt(scenario.municipalities().size() - 1)) % scenario.municipalities().size();
            return scenario.municipalities().get(other).code();
        }
        List<String> codes = Municipality.ELSEWHERE_CODES;
        return codes.get(random.nextInt(codes.size()));
    }

    private static int caseCount(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.20 ? 0 : r < 0.50 ? 1 : r < 0.75 ? 2 : r < 0.90 ? 3 : 4 + random.nextInt(3);
    }

    private static SourceSystem pickSystem(SplittableRandom random) {
        double r = random.nextDouble();
        double sum = 0;
        for (SourceSystem system : SourceSystem.values()) {
            sum += system.share();
            if (r < sum) {
                return system;
            }
        }
        return SourceSystem.ESDH;
    }

    private static Progress finalProgress(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.15 ? Progress.OPSTAAET : r < 0.50 ? Progress.OPLYST : r < 0.70 ? Progress.AFGJORT : Progress.AFSLUTTET;
    }

    private static Sensitivity sensitivity(CaseKind kind, SplittableRandom random) {
        double r = random.nextDouble();
        int level = kind.sensitivity();
        if (r < 0.02) {
            level = Sensitivity.MAX_LEVEL;
        } else if (r < 0.07) {
            level = Math.max(Sensitivity.MIN_LEVEL, level - 1);
        }
        return Sensitivity.ofLevel(level);
    }

    /** The records of one party under construction, in delivery order, with duplicates as the scenario asks. */
    private final class Batch {
        private final SplittableRandom random;
        private final List<SimRecord> out = new ArrayList<>();
        private final List<CaseRecord> cases = new ArrayList<>();

        Batch(SplittableRandom random) {
            this.random = random;
        }

        void deliver(SimRecord record) {
            out.add(record);
            if (random.nextDouble() < scenario.duplicateRate()) {
                out.add(record);
            }
        }

        /**
         * Documents of the party's cases; one in twenty also belongs to another of its cases in the same
         * municipality and source system (a document belongs only to cases of its own system).
         */
        void finishDocuments() {
            for (CaseRecord c : cases) {
                int count = documentCount(random);
                for (int n = 1; n <= count; n++) {
                    List<UUID> caseIds = new ArrayList<>();
                    caseIds.add(c.id());
                    if (random.nextDouble() < 0.05) {
                        cases.stream().filter(o -> !o.id().equals(c.id()) && o.tenant().equals(c.tenant())
                                && o.sourceSystem().equals(c.sourceSystem())).findFirst()
                                .ifPresent(o -> caseIds.add(o.id()));
                    }
                    deliver(new SimRecord.DocumentVersion(document(c, n, caseIds)));
                }
            }
        }

        private DocumentRecord document(CaseRecord c, int n, List<UUID> caseIds) {
            long span = Math.max(1, c.registeredAt().getEpochSecond() - c.openedAt().getEpochSecond());
            Instant registeredAt = c.openedAt().plusSeconds(random.nextLong(span)).plusMillis(random.nextInt(1000));
            DocumentType type = n == 1 ? DocumentType.INCOMING_LETTER : documentType(random, c.progress());
            int level = c.sensitivity().level() < Sensitivity.MAX_LEVEL && random.nextDouble() < 0.05
                    ? c.sensitivity().level() + 1 : c.sensitivity().level();
            return new DocumentRecord(Ids.uuid(random), c.tenant(), c.sourceSystem(), caseIds, c.caseNumber() + "-" + n,
                    documentTitle(type), type, registeredAt.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(random.nextInt(3)),
                    Sensitivity.ofLevel(level), List.of(c.parties().get(0)), registeredAt,
                    c.deepLink() == null ? null : c.deepLink().replace("/sag/", "/dokument/") + "-" + n);
        }

        List<SimRecord> delivered() {
            return out;
        }
    }

    private static int documentCount(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.25 ? 0 : r < 0.55 ? 1 : r < 0.80 ? 2 : r < 0.93 ? 3 : 4;
    }

    private static DocumentType documentType(SplittableRandom random, Progress progress) {
        double r = random.nextDouble();
        if (progress.ordinal() >= Progress.AFGJORT.ordinal() && r < 0.3) {
            return DocumentType.DECISION;
        }
        return r < 0.5 ? DocumentType.OUTGOING_LETTER : r < 0.8 ? DocumentType.NOTE : DocumentType.INCOMING_LETTER;
    }

    private static String documentTitle(DocumentType type) {
        return switch (type) {
            case INCOMING_LETTER -> "Henvendelse fra borger";
            case OUTGOING_LETTER -> "Brev til borger";
            case NOTE -> "Notat";
            case DECISION -> "Afgørelse";
            case OTHER -> "Dokument";
        };
    }
}
