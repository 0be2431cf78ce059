package dk.overblik.overview.party;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.org.OrgUnitState;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.value.Kle;
import dk.overblik.contracts.value.PartyRef;
import dk.overblik.contracts.value.Sensitivity;
import dk.overblik.service.access.AccessViews;
import dk.overblik.testsupport.Fixtures;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.PublishedAccess;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The four access rules and the document rule, with access as org-sync publishes it on Kafka and
 * cases and documents in the real OpenSearch indices.
 */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class AccessRulesTest {
    private static final String A = SampleCases.TENANT_A;
    private static final UUID UNIT_X = UUID.randomUUID();
    private static final UUID UNIT_Y = UUID.randomUUID();

    @Inject
    AccessViews views;

    @Inject
    Fixtures fixtures;

    private void grant(EffectiveAccess access) {
        fixtures.grant(access);
    }

    private static EffectiveAccess access(String userId, List<String> kle, int clearance, boolean orgRestriction, UUID... units) {
        return new EffectiveAccess(A, userId, kle, java.util.Arrays.stream(units).map(UUID::toString).toList(), clearance,
                orgRestriction);
    }

    private static ValidatableResponse lookup(String user, PartyRef party) {
        return given().auth().oauth2(TestStack.tokens().forUser(user)).contentType(ContentType.JSON)
                .body("{\"party\": \"" + party.urn() + "\"}").when().post("/api/v1/party-overview").then().statusCode(200);
    }

    private static CaseRecord caseOf(PartyRef person, String title, String kle, Sensitivity sensitivity, UUID unit) {
        CaseRecord c = SampleCases.openCase(A, person, title);
        return SampleCases.withAccess(c, new Kle(kle, "G01"), sensitivity, unit, 0);
    }

    @Test
    void kleScopeClearanceAndOrganisationDecideAndTheRestIsOnlyCounted() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord housing = caseOf(person, "Boligstøtte", "27.24.00", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER, UNIT_X);
        CaseRecord benefit = caseOf(person, "Kontanthjælp", "32.18.08", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER, UNIT_X);
        CaseRecord secret = caseOf(person, "Særlige kategorier", "27.24.00", Sensitivity.FOELSOMME_PERSONOPLYSNINGER, UNIT_X);
        CaseRecord elsewhere = caseOf(person, "Anden enhed", "27.24.00", Sensitivity.IKKE_FORTROLIGE_DATA, UNIT_Y);
        indexCases(housing, benefit, secret, elsewhere);

        grant(access("caseworker-a", List.of("27"), 2, false, UNIT_X));
        lookup("caseworker-a", person)
                .body("cases.title", containsInAnyOrder("Boligstøtte", "Anden enhed"))
                .body("total", equalTo(2))
                .body("hiddenCount", equalTo(2))
                .body("facets.kleMainGroup.'27'", equalTo(2))
                .body("facets.kleMainGroup.'32'", nullValue())
                .body("facets.sourceSystem.esdh", equalTo(2));

        grant(access("caseworker-a", List.of("27.24", "32.18.08"), 4, true, UNIT_X));
        lookup("caseworker-a", person)
                .body("cases.title", containsInAnyOrder("Boligstøtte", "Kontanthjælp", "Særlige kategorier"))
                .body("hiddenCount", equalTo(1));

        grant(access("caseworker-a", List.of(), 4, false));
        lookup("caseworker-a", person).body("cases", empty()).body("hiddenCount", equalTo(4)).body("facets.progress", equalTo(
                java.util.Map.of()));
    }

    @Test
    void aUserWithoutPublishedAccessSeesNothing() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        indexCases(caseOf(person, "Synlig for nogen", "27.24.00", Sensitivity.IKKE_FORTROLIGE_DATA, UNIT_X));
        grant(access("callcenter-a", List.of("27"), 2, false));
        lookup("callcenter-a", person).body("cases.title", contains("Synlig for nogen"));

        PublishedAccess.withdraw(A, "callcenter-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> views.accessOf(A, "callcenter-a").isEmpty());
        lookup("callcenter-a", person).body("cases", empty()).body("hiddenCount", equalTo(1));
    }

    @Test
    void anAccessUpdateThatCannotBeReadTakesTheOldAccessAwayInsteadOfKeepingIt() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        indexCases(caseOf(person, "Før den ulæselige", "27.24.00", Sensitivity.IKKE_FORTROLIGE_DATA, UNIT_X));
        EffectiveAccess wide = access("caseworker-a", List.of("27"), 2, false);
        grant(wide);
        await().atMost(Duration.ofSeconds(20)).until(() -> views.accessOf(A, "caseworker-a").equals(java.util.Optional.of(wide)));
        lookup("caseworker-a", person).body("cases.title", contains("Før den ulæselige"));

        PublishedAccess.publishUnreadable(A, "caseworker-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> views.accessOf(A, "caseworker-a").isEmpty());
        lookup("caseworker-a", person).body("cases", empty()).body("hiddenCount", equalTo(1));

        grant(wide);
        await().atMost(Duration.ofSeconds(20)).until(() -> views.accessOf(A, "caseworker-a").isPresent());
    }

    @Test
    void documentsAreCountedOnlyWhereTheyAreVisibleAndCallCentreStaffGetTheReducedView() throws Exception {
        PartyRef person = SampleCases.randomPerson();
        CaseRecord open = caseOf(person, "Byggesag", "02.34.02", Sensitivity.FORTROLIGE_PERSONOPLYSNINGER, UNIT_X);
        CaseRecord exempt = new CaseRecord(UUID.randomUUID(), A, "esdh", "X-1", "Sag om navngiven borgers misbrug", "Sag om bolig",
                null, new Kle("02.34.02", "G01"), open.progress(), null, Sensitivity.FORTROLIGE_PERSONOPLYSNINGER, open.parties(),
                UNIT_X, null, open.openedAt(), null, open.registeredAt(), null);
        indexCases(open, exempt);
        DocumentRecord letter = SampleCases.documentOn("Brev", open);
        DocumentRecord secretLetter = withSensitivity(SampleCases.documentOn("Fortroligt brev", open), Sensitivity.FOELSOMME_PERSONOPLYSNINGER);
        DocumentRecord both = SampleCases.documentOn("Fælles notat", open, exempt);
        indexDocuments(List.of(letter, secretLetter, both), open, exempt);

        UUID unitName = UNIT_X;
        PublishedAccess.publish(new OrgUnitState(A, unitName, "X", "Byg og Miljø", null, List.of("02"), List.of()));
        grant(access("caseworker-a", List.of("02"), 2, false));
        grant(access("callcenter-a", List.of("02"), 2, false));
        await().atMost(Duration.ofSeconds(20)).until(() -> views.unit(A, unitName).isPresent());

        lookup("caseworker-a", person)
                .body("cases.find { it.id == '" + open.id() + "' }.documentCount", equalTo(2))
                .body("cases.find { it.id == '" + exempt.id() + "' }.documentCount", equalTo(1))
                .body("cases.find { it.id == '" + exempt.id() + "' }.title", equalTo("Sag om navngiven borgers misbrug"))
                .body("cases.find { it.id == '" + open.id() + "' }.responsibleUnitName", equalTo("Byg og Miljø"));
        lookup("callcenter-a", person)
                .body("cases.find { it.id == '" + exempt.id() + "' }.title", equalTo("Sag om bolig"))
                .body("cases.documentCount", contains(nullValue(), nullValue()));
    }

    private static DocumentRecord withSensitivity(DocumentRecord d, Sensitivity sensitivity) {
        return new DocumentRecord(d.id(), d.tenant(), d.sourceSystem(), d.caseIds(), d.documentNumber(), d.title(), d.type(),
                d.letterDate(), sensitivity, d.parties(), d.registeredAt(), d.deepLink());
    }

    private void indexCases(CaseRecord... cases) {
        fixtures.indexCases(cases);
    }

    private void indexDocuments(List<DocumentRecord> documents, CaseRecord... cases) {
        fixtures.indexDocuments(documents, cases);
    }
}
