package dk.overblik.indexer.index;

import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.Deletion;
import dk.overblik.indexer.Indexed;
import dk.overblik.testsupport.PublishedRecords;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.SampleCases;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registration time is the version: whatever the order and however often records arrive, the newest wins. */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class VersioningTest {

    @Inject
    OpenSearchClient openSearch;

    @Test
    void aDuplicateChangesNothing() {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Dublet");
        PublishedRecords.publish(c);
        PublishedRecords.publish(c);
        CaseRecord later = SampleCases.laterVersion(c, "Efter dubletten", 10);
        PublishedRecords.publish(later);
        PublishedRecords.publish(c);
        CaseRecord marker = SampleCases.markerBehind(c, Topics.CASES);
        PublishedRecords.publish(marker);
        awaitTitle(marker, "Markør");
        assertThat(Indexed.aCase(openSearch, c.tenant(), c.id()).orElseThrow().title()).isEqualTo("Efter dubletten");
    }

    @Test
    void anOlderVersionArrivingLateIsIgnored() {
        CaseRecord v1 = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Version 1");
        CaseRecord v2 = SampleCases.laterVersion(v1, "Version 2", 60);
        CaseRecord v3 = SampleCases.laterVersion(v1, "Version 3", 120);
        PublishedRecords.publish(v3);
        PublishedRecords.publish(v1);
        PublishedRecords.publish(v2);
        // A newer marker proves the late ones were processed before we look.
        awaitProcessedAfter(v1, "Version 3");
    }

    @Test
    void aDeletionWinsOverEveryOlderVersionEvenOneArrivingAfterIt() {
        CaseRecord v1 = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Slettes");
        PublishedRecords.publish(v1);
        Deletion deletion = new Deletion(v1.id(), v1.tenant(), v1.sourceSystem(), v1.registeredAt().plusSeconds(100));
        PublishedRecords.publishCaseDeletion(deletion);
        PublishedRecords.publish(SampleCases.laterVersion(v1, "For sent", 50));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            IndexedCase doc = Indexed.aCase(openSearch, v1.tenant(), v1.id()).orElseThrow();
            assertThat(doc.deleted()).isTrue();
            assertThat(doc.registeredAt()).isEqualTo(deletion.registeredAt());
        });
        // The late upsert is in Kafka before this one; once this is indexed, it has been seen.
        CaseRecord marker = SampleCases.markerBehind(v1, Topics.CASES);
        PublishedRecords.publish(marker);
        awaitTitle(marker, "Markør");
        assertThat(Indexed.aCase(openSearch, v1.tenant(), v1.id()).orElseThrow().deleted()).isTrue();
    }

    @Test
    void anOlderDeletionDoesNotRemoveANewerVersion() {
        CaseRecord v2 = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Nyere end sletningen");
        PublishedRecords.publish(v2);
        PublishedRecords.publishCaseDeletion(new Deletion(v2.id(), v2.tenant(), v2.sourceSystem(), v2.registeredAt().minusSeconds(100)));
        CaseRecord marker = SampleCases.markerBehind(v2, Topics.CASES);
        PublishedRecords.publish(marker);
        awaitTitle(marker, "Markør");
        Optional<IndexedCase> doc = Indexed.aCase(openSearch, v2.tenant(), v2.id());
        assertThat(doc).hasValueSatisfying(d -> {
            assertThat(d.deleted()).isFalse();
            assertThat(d.title()).isEqualTo("Nyere end sletningen");
        });
    }

    private void awaitTitle(CaseRecord c, String title) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(Indexed.aCase(openSearch, c.tenant(), c.id()).orElseThrow().title()).isEqualTo(title));
    }

    private void awaitProcessedAfter(CaseRecord c, String expectedTitle) {
        CaseRecord marker = SampleCases.markerBehind(c, Topics.CASES);
        PublishedRecords.publish(marker);
        awaitTitle(marker, "Markør");
        assertThat(Indexed.aCase(openSearch, c.tenant(), c.id()).orElseThrow().title()).isEqualTo(expectedTitle);
    }
}
