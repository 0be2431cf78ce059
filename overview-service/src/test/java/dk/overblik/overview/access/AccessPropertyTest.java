package dk.overblik.overview.access;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
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
import dk.overblik.testsupport.Fixtures;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random users (KLE scopes at every level, clearances, organisation scopes, restriction on or
 * off, two municipalities) against random cases and documents in the real index: every answer of
 * every endpoint must equal a plain predicate evaluated here, in the words of DESIGN section 4.
 */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class AccessPropertyTest {
    private static final String A = SampleCases.TENANT_A;
    private static final String B = SampleCases.TENANT_B;
    private static final List<String> SUBJECTS = List.of("27.24.00", "27.12.00", "32.18.08", "32.18.02", "02.34.02", "15.00.00");
    private static final List<String> SCOPE_ENTRIES = List.of("27", "27.24", "27.24.00", "32", "32.18", "32.18.08", "02", "02.34.02",
            "15", "16");
    private static final List<String> SYSTEMS = List.of("esdh", "jobcenter", "ydelse");
    private static final List<UUID> UNITS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final int ROUNDS = 20;

    @Inject
    Fixtures fixtures;

    private record User(String login, String tenant, boolean caseworker) {
    }

    private static final List<User> USERS = List.of(new User("caseworker-a", A, true), new User("callcenter-a", A, false),
            new User("caseworker-b", B, true));

    @Test
    void everyAnswerEqualsThePredicate() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String word = "prop" + Long.toHexString(seed);
        List<PartyRef> persons = List.of(SampleCases.randomPerson(), SampleCases.randomPerson(), SampleCases.randomPerson());

        List<CaseRecord> cases = new ArrayList<>();
        Set<UUID> deleted = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            CaseRecord c = randomCase(random, persons.get(random.nextInt(persons.size())), word + " sag " + i);
            cases.add(c);
            if (random.nextDouble() < 0.1) {
                deleted.add(c.id());
            }
        }
        fixtures.index(cases.stream().map(c -> deleted.contains(c.id())
                ? IndexedCase.tombstone(new Deletion(c.id(), c.tenant(), c.sourceSystem(), c.registeredAt().plusSeconds(1)))
                : IndexedCase.of(c)).toList());
        List<DocumentRecord> documents = new ArrayList<>();
        List<IndexedDocument> indexed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CaseRecord first = cases.get(random.nextInt(cases.size()));
            List<CaseRecord> of = new ArrayList<>(List.of(first));
            // Half also name another case in the municipality: mostly one of the same person (as in the overview of that
            // person both count), of any source system (a case of another one must give the document nothing).
            boolean samePerson = random.nextDouble() < 0.8;
            cases.stream().filter(c -> c.tenant().equals(first.tenant()) && c != first
                            && (!samePerson || c.parties().equals(first.parties()))).skip(random.nextInt(samePerson ? 6 : 20)).findFirst()
                    .filter(c -> random.nextBoolean()).ifPresent(of::add);
            DocumentRecord d = new DocumentRecord(UUID.randomUUID(), first.tenant(), first.sourceSystem(),
                    of.stream().map(CaseRecord::id).toList(), "D-" + i, "Dokument " + i, DocumentType.INCOMING_LETTER,
                    LocalDate.now(), Sensitivity.values()[random.nextInt(4)], List.of(first.parties().get(0)), Instant.now(), null);
            documents.add(d);
            // As the indexer writes it: a deleted case, or one of another source system, gives the document nothing.
            indexed.add(IndexedDocument.of(d, of.stream().map(c -> deleted.contains(c.id()) ? IndexedDocument.CaseAccess.unknown(c.id())
                    : belongsTo(d, c) ? IndexedDocument.CaseAccess.of(IndexedCase.of(c))
                    : IndexedDocument.CaseAccess.of(IndexedCase.of(c)).withoutAccess()).toList()));
        }
        fixtures.indexDocuments(indexed);

        Map<String, String> tokens = new HashMap<>();
        USERS.forEach(u -> tokens.put(u.login(), TestStack.tokens().forUser(u.login())));
        int checks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, EffectiveAccess> access = new HashMap<>();
            for (User user : USERS) {
                EffectiveAccess a = randomAccess(random, user);
                fixtures.grant(a);
                access.put(user.login(), a);
            }
            for (User user : USERS) {
                EffectiveAccess a = access.get(user.login());
                String context = "seed " + seed + ", round " + round + ", " + a;
                for (PartyRef person : persons) {
                    checks += checkOverview(tokens.get(user.login()), user, a, person, cases, deleted, documents, context);
                }
                if (user.caseworker()) {
                    checks += checkSearch(tokens.get(user.login()), a, word, cases, deleted, context);
                }
                // Mostly cases the user may see, whose documents are compared one by one; the last any case (a 404 if hidden).
                List<CaseRecord> visible = cases.stream().filter(c -> caseVisible(a, c, deleted)).toList();
                for (int k = 0; k < 4; k++) {
                    List<CaseRecord> from = k < 3 && !visible.isEmpty() ? visible : cases;
                    CaseRecord c = from.get(random.nextInt(from.size()));
                    checks += checkCase(tokens.get(user.login()), user, a, c, cases, deleted, documents, context);
                }
            }
        }
        System.out.printf("[property] %d answers compared with the predicate (seed %d)%n", checks, seed);
        assertThat(checks).isGreaterThan(1000); // thousands of answers, each compared in full
    }

    private int checkOverview(String token, User user, EffectiveAccess a, PartyRef person, List<CaseRecord> cases, Set<UUID> deleted,
                              List<DocumentRecord> documents, String context) {
        List<CaseRecord> ofPerson = cases.stream().filter(c -> !deleted.contains(c.id()) && c.tenant().equals(user.tenant())
                && c.parties().get(0).ref().equals(person)).toList();
        Set<String> expected = ofPerson.stream().filter(c -> caseVisible(a, c, deleted)).map(c -> c.id().toString())
                .collect(Collectors.toSet());
        JsonPath body = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"party\": \"" + person.urn() + "\"}")
                .when().post("/api/v1/party-overview").then().statusCode(200).extract().jsonPath();
        assertThat(new HashSet<>(body.getList("cases.id", String.class))).as(context).isEqualTo(expected);
        assertThat(body.getLong("hiddenCount")).as(context).isEqualTo(ofPerson.size() - expected.size());
        Map<String, Long> bySystem = new TreeMap<>();
        ofPerson.stream().filter(c -> expected.contains(c.id().toString())).forEach(c -> bySystem.merge(c.sourceSystem(), 1L, Long::sum));
        Map<String, Object> facet = body.getMap("facets.sourceSystem");
        assertThat(new TreeMap<>(facet.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> ((Number) e.getValue()).longValue())))).as(context).isEqualTo(bySystem);
        int checks = 3;
        for (String id : expected) {
            Object count = body.getList("cases.findAll { it.id == '" + id + "' }.documentCount").get(0);
            if (user.caseworker()) {
                CaseRecord c = cases.stream().filter(k -> k.id().toString().equals(id)).findFirst().orElseThrow();
                long visibleDocs = documents.stream().filter(d -> belongsTo(d, c) && documentVisible(a, d, cases, deleted)).count();
                assertThat(((Number) count).longValue()).as(context + " documents of " + id).isEqualTo(visibleDocs);
            } else {
                assertThat(count).as(context).isNull();
            }
            checks++;
        }
        return checks;
    }

    private int checkSearch(String token, EffectiveAccess a, String word, List<CaseRecord> cases, Set<UUID> deleted, String context) {
        Set<String> expected = cases.stream().filter(c -> caseVisible(a, c, deleted)).map(c -> c.id().toString())
                .collect(Collectors.toSet());
        JsonPath body = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", word, "size", 100))
                .when().post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(new HashSet<>(body.getList("cases.id", String.class))).as(context).isEqualTo(expected);
        assertThat(body.getLong("total")).as(context).isEqualTo(expected.size());
        return 2;
    }

    private int checkCase(String token, User user, EffectiveAccess a, CaseRecord c, List<CaseRecord> cases, Set<UUID> deleted,
                          List<DocumentRecord> documents, String context) {
        // Documents of a case: the case must be visible; the documents visible on their own rule.
        if (!caseVisible(a, c, deleted)) {
            given().auth().oauth2(token).when().get("/api/v1/cases/" + c.id()).then().statusCode(404);
            return 1;
        }
        JsonPath body = given().auth().oauth2(token).queryParam("size", 100).when().get("/api/v1/cases/" + c.id())
                .then().statusCode(200).extract().jsonPath();
        Set<String> expected = user.caseworker() ? documents.stream().filter(d -> belongsTo(d, c)
                && documentVisible(a, d, List.of(), deleted, c)).map(d -> d.id().toString()).collect(Collectors.toSet()) : Set.of();
        assertThat(new HashSet<>(body.getList("documents.id", String.class))).as(context + " case " + c.id()).isEqualTo(expected);
        // A document names only those of its cases the caller may see.
        int checks = 2;
        for (DocumentRecord d : documents) {
            if (expected.contains(d.id().toString())) {
                Set<String> visibleCases = cases.stream().filter(k -> belongsTo(d, k) && caseVisible(a, k, deleted))
                        .map(k -> k.id().toString()).collect(Collectors.toSet());
                assertThat(new HashSet<>(body.getList("documents.find { it.id == '" + d.id() + "' }.caseIds", String.class)))
                        .as(context + " cases named by document " + d.id()).isEqualTo(visibleCases);
                checks++;
            }
        }
        return checks;
    }

    /** DESIGN section 4, rules 1-4. */
    private static boolean caseVisible(EffectiveAccess a, CaseRecord c, Set<UUID> deleted) {
        return !deleted.contains(c.id())
                && c.tenant().equals(a.tenant())
                && a.kleScope().stream().anyMatch(e -> c.kle().subject().equals(e) || c.kle().subject().startsWith(e + "."))
                && c.sensitivity().level() <= a.clearance()
                && (!a.orgRestriction() || a.orgScope().contains(c.responsibleUnit().toString()));
    }

    /** A document belongs to the cases it names that are of its own source system. */
    private static boolean belongsTo(DocumentRecord d, CaseRecord c) {
        return d.caseIds().contains(c.id()) && d.sourceSystem().equals(c.sourceSystem());
    }

    /** A document: its own sensitivity within the clearance, and at least one of its cases visible. */
    private static boolean documentVisible(EffectiveAccess a, DocumentRecord d, List<CaseRecord> cases, Set<UUID> deleted,
                                           CaseRecord... more) {
        List<CaseRecord> all = new ArrayList<>(cases);
        all.addAll(List.of(more));
        return d.tenant().equals(a.tenant()) && d.sensitivity().level() <= a.clearance()
                && all.stream().anyMatch(c -> belongsTo(d, c) && caseVisible(a, c, deleted));
    }

    private static CaseRecord randomCase(Random random, PartyRef person, String title) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
        return new CaseRecord(UUID.randomUUID(), random.nextDouble() < 0.75 ? A : B, SYSTEMS.get(random.nextInt(SYSTEMS.size())),
                subject + "-" + random.nextInt(10_000), title, null, null, new Kle(subject, "G01"), Progress.values()[random.nextInt(3)],
                null, Sensitivity.values()[random.nextInt(4)], List.of(new Party(PartyRole.PRIMARY, person)),
                UNITS.get(random.nextInt(UNITS.size())), null, now.minus(random.nextInt(300), ChronoUnit.DAYS), null,
                now.minusSeconds(random.nextInt(10_000)), null);
    }

    private static EffectiveAccess randomAccess(Random random, User user) {
        List<String> kle = SCOPE_ENTRIES.stream().filter(e -> random.nextDouble() < 0.3).toList();
        List<String> units = UNITS.stream().filter(u -> random.nextDouble() < 0.5).map(UUID::toString).toList();
        return new EffectiveAccess(user.tenant(), user.login(), kle, units, 1 + random.nextInt(4), random.nextBoolean());
    }
}
