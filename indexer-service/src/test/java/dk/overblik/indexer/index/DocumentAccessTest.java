package dk.overblik.indexer.index;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument.CaseAccess;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.Sensitivity;
import dk.overblik.indexer.Indexed;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.PublishedRecords;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.VersionType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Documents carry their cases' access fields, whatever order cases and documents arrive in. */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class DocumentAccessTest {
    private static final UUID OTHER_UNIT = UUID.fromString("9a1b2c3d-0000-4000-8000-0000000000ff");

    @Inject
    OpenSearchClient openSearch;

    @Test
    void aDocumentThatArrivesBeforeItsCaseIsHiddenUntilTheCaseArrivesThenTakesItsAccess() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Sag efter dokument");
        DocumentRecord d = SampleCases.documentOn("Brev før sagen", c);
        PublishedRecords.publish(d);
        awaitDocument(d, doc -> assertThat(doc.cases()).singleElement().satisfies(entry -> {
            assertThat(entry.caseId()).isEqualTo(c.id());
            assertThat(entry.known()).isFalse();
        }));

        PublishedRecords.publish(c);
        awaitDocument(d, doc -> assertThat(doc.cases()).singleElement().satisfies(entry -> {
            assertThat(entry.known()).isTrue();
            assertThat(entry.kleScope()).containsExactly("27", "27.24", "27.24.00");
            assertThat(entry.sensitivityLevel()).isEqualTo(Sensitivity.FORTROLIGE_PERSONOPLYSNINGER.level());
            assertThat(entry.responsibleUnit()).isEqualTo(c.responsibleUnit());
        }));
    }

    @Test
    void whenACasesAccessChangesItsDocumentsFollowAndADeletedCaseHidesThem() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Skifter KLE");
        PublishedRecords.publish(c);
        DocumentRecord d = SampleCases.documentOn("Følger sagen", c);
        PublishedRecords.publish(d);
        awaitDocument(d, doc -> assertThat(doc.cases().get(0).kleScope()).contains("27.24.00"));

        CaseRecord moved = SampleCases.withAccess(c, new Kle("32.18.08", "K07"), Sensitivity.FOELSOMME_PERSONOPLYSNINGER, OTHER_UNIT, 60);
        PublishedRecords.publish(moved);
        awaitDocument(d, doc -> assertThat(doc.cases()).singleElement().satisfies(entry -> {
            assertThat(entry.kleScope()).containsExactly("32", "32.18", "32.18.08");
            assertThat(entry.sensitivityLevel()).isEqualTo(3);
            assertThat(entry.responsibleUnit()).isEqualTo(OTHER_UNIT);
        }));

        PublishedRecords.publishCaseDeletion(new Deletion(c.id(), c.tenant(), c.sourceSystem(), moved.registeredAt().plusSeconds(1)));
        awaitDocument(d, doc -> assertThat(doc.cases().get(0).known()).isFalse());
    }

    @Test
    void aDocumentOnTwoCasesCarriesBoth() {
        CaseRecord first = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Første");
        CaseRecord second = SampleCases.withAccess(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Anden"),
                new Kle("15.00.00", "G01"), Sensitivity.IKKE_FORTROLIGE_DATA, OTHER_UNIT, 0);
        PublishedRecords.publish(first);
        PublishedRecords.publish(second);
        DocumentRecord d = SampleCases.documentOn("Fælles bilag", first, second);
        PublishedRecords.publish(d);
        awaitDocument(d, doc -> assertThat(doc.cases()).hasSize(2).allSatisfy(e -> assertThat(e.known()).isTrue())
                .anySatisfy(e -> assertThat(e.kleScope()).contains("15.00.00")));
    }

    @Test
    void aDocumentTakesNothingFromACaseOfAnotherSourceSystem() {
        CaseRecord own = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Egen sag");
        CaseRecord foreign = SampleCases.ofSourceSystem(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Jobcentrets sag"),
                "jobcenter");
        PublishedRecords.publish(own);
        PublishedRecords.publish(foreign);
        // Both cases indexed first, so that the letter's write finds the foreign case and must refuse its fields.
        awaitCases(own, foreign);
        DocumentRecord esdhLetter = SampleCases.documentOn("Brev fra ESDH", own, foreign);
        DocumentRecord jobcenterLetter = SampleCases.documentOn("Brev fra jobcentret", foreign);
        PublishedRecords.publish(esdhLetter);
        PublishedRecords.publish(jobcenterLetter);
        awaitDocument(jobcenterLetter, doc -> assertThat(doc.cases()).singleElement().returns(true, CaseAccess::known));
        awaitDocument(esdhLetter, doc -> assertThat(doc.cases()).hasSize(2)
                .anySatisfy(e -> assertThat(e).returns(own.id(), CaseAccess::caseId).returns(true, CaseAccess::known))
                .anySatisfy(e -> assertThat(e).returns(foreign.id(), CaseAccess::caseId).returns(false, CaseAccess::known)
                        .returns(RegistrationVersion.of(foreign.registeredAt()), CaseAccess::caseVersion)));

        // The foreign case changes: the jobcenter's letter takes its new fields, the ESDH letter only its new version.
        CaseRecord changed = SampleCases.withAccess(foreign, new Kle("15.00.00", "G01"), Sensitivity.IKKE_FORTROLIGE_DATA, OTHER_UNIT, 30);
        PublishedRecords.publish(changed);
        awaitDocumentUnit(jobcenterLetter, OTHER_UNIT);
        awaitDocument(esdhLetter, doc -> assertThat(doc.cases()).filteredOn(e -> e.caseId().equals(foreign.id())).singleElement()
                .returns(RegistrationVersion.of(changed.registeredAt()), CaseAccess::caseVersion)
                .returns(false, CaseAccess::known).returns(null, CaseAccess::responsibleUnit).returns(List.of(), CaseAccess::kleScope));
    }

    @Test
    void theQualityReportCountsEveryLinkFromADocumentToACaseOfAnotherSourceSystem() {
        // A source system of this test's own, so that its row in the report counts only what the test sends.
        String system = "sbsys-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        CaseRecord own = SampleCases.ofSourceSystem(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Egen sag"), system);
        CaseRecord foreign = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "ESDH-sag");
        CaseRecord foreign2 = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Anden ESDH-sag");
        CaseRecord foreignLater = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "ESDH-sag der kommer senere");
        PublishedRecords.publish(own);
        PublishedRecords.publish(foreign);
        PublishedRecords.publish(foreign2);
        awaitCases(own, foreign, foreign2);
        DocumentRecord linked = SampleCases.documentOn("Brev på to andres sager", own, foreign, foreign2);
        DocumentRecord early = SampleCases.documentOn("Brev før den andens sag", own, foreignLater);
        DocumentRecord plain = SampleCases.documentOn("Almindeligt brev", own);
        PublishedRecords.publish(linked);
        PublishedRecords.publish(early);
        PublishedRecords.publish(plain);
        awaitDocument(plain, doc -> assertThat(doc.cases()).singleElement().returns(true, CaseAccess::known));
        awaitDocument(early, doc -> assertThat(doc.cases()).hasSize(2));

        // The write reports each link to a case that was there; the early letter's case is not there yet.
        awaitQualityRow(system, row -> {
            assertThat(row.getLong("accepted")).isEqualTo(4);
            assertThat(row.getLong("warned")).isEqualTo(2);
            assertThat(row.getLong("warnedByReason.'CASE_OF_ANOTHER_SOURCE_SYSTEM caseIds'")).isEqualTo(2);
            assertThat(row.getString("lastWarnedAt")).isNotNull();
        });

        // When that case arrives, the propagation reports the early letter's link; a replay of a letter reports nothing again.
        PublishedRecords.publish(foreignLater);
        PublishedRecords.publish(linked);
        DocumentRecord last = SampleCases.documentOn("Sidste brev", own);
        PublishedRecords.publish(last);
        awaitDocument(early, doc -> assertThat(doc.cases()).filteredOn(e -> e.caseId().equals(foreignLater.id())).singleElement()
                .returns(RegistrationVersion.of(foreignLater.registeredAt()), CaseAccess::caseVersion).returns(false, CaseAccess::known));
        awaitDocument(last, doc -> assertThat(doc.cases()).singleElement().returns(true, CaseAccess::known));
        awaitQualityRow(system, row -> {
            assertThat(row.getLong("accepted")).isEqualTo(6);
            assertThat(row.getLong("warned")).isEqualTo(3);
            assertThat(row.getLong("warnedByReason.'CASE_OF_ANOTHER_SOURCE_SYSTEM caseIds'")).isEqualTo(3);
        });
    }

    @Test
    void fieldsTakenFromAnotherSystemsCaseBeforeTheRuleAreClearedWhenThatCaseChanges() throws IOException {
        CaseRecord foreign = SampleCases.ofSourceSystem(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Ydelsessag"),
                "ydelse");
        PublishedRecords.publish(foreign);
        awaitCases(foreign);
        // An ESDH letter on the benefit system's case, as the indexer wrote it before 2026-12-04: with the case's fields.
        DocumentRecord d = SampleCases.documentOn("Brev fra før reglen", SampleCases.ofSourceSystem(foreign, "esdh"));
        IndexedDocument before = IndexedDocument.of(d, List.of(CaseAccess.of(IndexedCase.of(foreign))));
        openSearch.index(i -> i.index(DocumentIndex.WRITE_ALIAS).id(IndexedDocument.documentId(d.tenant(), d.id()))
                .document(Json.mapper().convertValue(before, Map.class)).refresh(Refresh.True));
        assertThat(Indexed.aDocument(openSearch, d.tenant(), d.id()).orElseThrow().cases().get(0).known()).isTrue();

        PublishedRecords.publish(SampleCases.withAccess(foreign, new Kle("32.18.08", "K07"), Sensitivity.IKKE_FORTROLIGE_DATA, OTHER_UNIT, 30));
        awaitDocument(d, doc -> assertThat(doc.cases()).singleElement().returns(false, CaseAccess::known)
                .returns(null, CaseAccess::responsibleUnit).returns(List.of(), CaseAccess::kleScope));
    }

    @Test
    void documentRegistrationsAreVersionedAndDeletionsLeaveATombstone() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Dokumentversioner");
        PublishedRecords.publish(c);
        DocumentRecord v1 = SampleCases.documentOn("Version 1", c);
        DocumentRecord v2 = new DocumentRecord(v1.id(), v1.tenant(), v1.sourceSystem(), v1.caseIds(), v1.documentNumber(), "Version 2",
                v1.type(), v1.letterDate(), v1.sensitivity(), v1.parties(), v1.registeredAt().plusSeconds(30), v1.deepLink());
        PublishedRecords.publish(v2);
        PublishedRecords.publish(v1);
        PublishedRecords.publish(v1);
        awaitDocument(v2, doc -> assertThat(doc.title()).isEqualTo("Version 2"));

        Deletion deletion = new Deletion(v1.id(), v1.tenant(), v1.sourceSystem(), v2.registeredAt().plusSeconds(1));
        PublishedRecords.publishDocumentDeletion(deletion);
        PublishedRecords.publish(v2);
        awaitDocument(v1, doc -> {
            assertThat(doc.deleted()).isTrue();
            assertThat(doc.registeredAt()).isEqualTo(deletion.registeredAt());
        });
    }

    // A write can get through while what follows it does not: the indexer dies (or loses its partitions,
    // or the answer) after the bulk write and before the access propagation or the document catch-up. The
    // batch is not committed, so it comes again, and its records are now stale (OpenSearch holds their
    // version); the follow-up must still happen. The first write is made straight into OpenSearch, as the
    // lost attempt left it, and the replay goes through Kafka.

    @Test
    void aReplayedCaseChangeReachesItsDocumentsWhenItsFirstPropagationWasLost() throws IOException {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Sag der skifter enhed");
        PublishedRecords.publish(c);
        DocumentRecord d = SampleCases.documentOn("Bilag", c);
        PublishedRecords.publish(d);
        awaitDocumentUnit(d, c.responsibleUnit());

        CaseRecord moved = SampleCases.withAccess(c, new Kle("32.18.08", "K07"), Sensitivity.FOELSOMME_PERSONOPLYSNINGER, OTHER_UNIT, 60);
        writeCaseOnly(moved);
        PublishedRecords.publish(moved);

        awaitDocumentUnit(d, OTHER_UNIT);
    }

    @Test
    void aReplayedDocumentCatchesUpWithACaseChangeItsFirstWriteMissed() throws IOException {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Sag der skifter under skrivning");
        PublishedRecords.publish(c);
        await().atMost(Duration.ofSeconds(30)).until(() -> Indexed.aCase(openSearch, c.tenant(), c.id()).isPresent()
                && openSearch.indices().existsAlias(a -> a.name(DocumentIndex.WRITE_ALIAS)).value());

        // The lost attempt wrote the document with the case as it was; the case changed meanwhile, and its
        // propagation ran before the document could be found; the catch-up never ran.
        DocumentRecord d = SampleCases.documentOn("Brev", c);
        IndexedDocument asWritten = IndexedDocument.of(d, List.of(CaseAccess.of(IndexedCase.of(c))));
        openSearch.index(i -> i.index(DocumentIndex.WRITE_ALIAS).id(IndexedDocument.documentId(d.tenant(), d.id()))
                .document(Json.mapper().convertValue(asWritten, Map.class)).refresh(Refresh.True));
        CaseRecord moved = SampleCases.withAccess(c, new Kle("32.18.08", "K07"), Sensitivity.FOELSOMME_PERSONOPLYSNINGER, OTHER_UNIT, 60);
        writeCaseOnly(moved);

        PublishedRecords.publish(d);

        awaitDocumentUnit(d, OTHER_UNIT);
    }

    /** The case's bulk write as the lost attempt made it: in the case index, nothing else. */
    private void writeCaseOnly(CaseRecord c) throws IOException {
        IndexedCase indexed = IndexedCase.of(c);
        openSearch.index(i -> i.index(CaseIndex.WRITE_ALIAS).id(IndexedCase.documentId(c.tenant(), c.id()))
                .version(RegistrationVersion.of(c.registeredAt())).versionType(VersionType.External)
                .document(Json.mapper().convertValue(indexed, Map.class)).refresh(Refresh.True));
    }

    private void awaitCases(CaseRecord... cases) {
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(cases)
                .allMatch(c -> Indexed.aCase(openSearch, c.tenant(), c.id()).isPresent()));
    }

    /** The quality report's row of {@code system} in municipality A, as its admin reads it. */
    private static void awaitQualityRow(String system, Consumer<JsonPath> check) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonPath report = given().auth().oauth2(TestStack.tokens().forUser("admin-a")).when().get("/api/v1/ingest/quality")
                    .then().statusCode(200).extract().jsonPath();
            report.setRootPath("rows.find { it.sourceSystem == '" + system + "' }");
            check.accept(report);
        });
    }

    private void awaitDocumentUnit(DocumentRecord d, UUID unit) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(Indexed.aDocument(openSearch, d.tenant(), d.id()).orElseThrow().cases())
                        .singleElement().satisfies(entry -> assertThat(entry.responsibleUnit()).isEqualTo(unit)));
    }

    private void awaitDocument(DocumentRecord d, Consumer<IndexedDocument> check) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                check.accept(Indexed.aDocument(openSearch, d.tenant(), d.id()).orElseThrow()));
    }
}
