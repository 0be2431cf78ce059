package dk.overblik.indexer.index;

import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.indexer.Indexed;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.deliver.KafkaSink;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.Sink;
import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.DedicatedOpenSearch;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.PublishedRecords;
import dk.overblik.testsupport.SampleCases;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OpenSearch goes away in the middle of a stream and comes back: the indexer backs off without
 * committing, then catches up, and the index ends with exactly what was sent. This test runs
 * against an OpenSearch node of its own, which it stops and starts. The outage is longer than a
 * minute, because the Kafka connector's default is to close a consumer whose records have waited
 * unacknowledged for 60 s, after which nothing would be indexed until a restart.
 */
@QuarkusTest
@TestProfile(OpenSearchOutageTest.OwnOpenSearch.class)
// The outage test counts everything on the node, so it runs first.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchOutageTest {

    public static class OwnOpenSearch implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OverblikStack.class), new TestResourceEntry(OwnNode.class));
        }
    }

    public static class OwnNode implements QuarkusTestResourceLifecycleManager {
        static DedicatedOpenSearch node;

        @Override
        public Map<String, String> start() {
            node = new DedicatedOpenSearch("outage").fresh().start();
            return Map.of("overblik.opensearch.url", node.url());
        }

        @Override
        public void stop() {
            node.stop();
        }
    }

    /** Longer than the 60 s after which the connector would, by default, close a consumer whose records wait. */
    private static final Duration OUTAGE = Duration.ofSeconds(70);
    /** Longer than the indexer's longest back-off between retries (30 s), with room for the catch-up. */
    private static final Duration AFTER_BACK_OFF = Duration.ofSeconds(90);

    @Inject
    OpenSearchClient openSearch;

    @Test
    @Order(1)
    void theIndexerBacksOffWhileOpenSearchIsDownAndEndsWithTheExactCount() throws Exception {
        Scenario scenario = new Scenario(ThreadLocalRandom.current().nextLong(), Municipality.DEMO, 150, 10, 12, 30,
                Scenario.DEFAULT_ANCHOR, 0.05, 0.2, 0.02, 0);
        Keys keys = new Keys();
        String bootstrap = TestStack.ensureRunning().get(StackEnv.KAFKA_BOOTSTRAP);
        // The stream runs at 150 records a second, so OpenSearch goes away while it flows.
        CompletableFuture<Long> sending = CompletableFuture.supplyAsync(() -> {
            try (KafkaSink kafka = new KafkaSink(bootstrap)) {
                new Simulation(scenario).run(new Both(kafka, keys), Progress.silent(), new RateLimiter(150));
                return kafka.failures();
            }
        });
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> openSearch.count(c -> c.index(CaseIndex.READ_ALIAS)).count() > 20);
        OwnNode.node.stop();
        Thread.sleep(OUTAGE.toMillis());
        // Still alive at the end of the outage: an orchestrator would not restart it for what only OpenSearch can cure.
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503);
        OwnNode.node.start();
        assertThat(sending.get()).isZero();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(openSearch.count(c -> c.index(CaseIndex.READ_ALIAS)).count()).isEqualTo(keys.cases.size());
            assertThat(openSearch.count(c -> c.index(DocumentIndex.READ_ALIAS)).count()).isEqualTo(keys.documents.size());
        });
    }

    /**
     * After a restart OpenSearch answers before it has recovered its indices, and a request to one of
     * the indexer's aliases gets 404 (index not found). That must hold the batch, uncommitted, until
     * the index is there, not stop the channel. An index deleted under the indexer gets the same
     * answer every time, so this test deletes the documents index, then restores it.
     */
    @Test
    @Order(2)
    void anIndexNotFoundHoldsTheBatchUntilTheIndexIsBackInsteadOfStoppingTheChannel() throws Exception {
        String documents = DocumentIndex.DEFINITION.version(1);
        // The indexer creates the documents index before the first propagation. After the outage test, a retry of the
        // indexer's may still wait out its longest back-off (30 s) before the channel takes the next batch.
        CaseRecord first = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Før sletningen");
        PublishedRecords.publish(first);
        await().atMost(AFTER_BACK_OFF).until(() -> Indexed.aCase(openSearch, first.tenant(), first.id()).isPresent()
                && openSearch.indices().exists(e -> e.index(documents)).value());
        openSearch.indices().delete(d -> d.index(documents));
        // The case is written; the propagation to its documents then finds no documents index, and retries.
        CaseRecord held = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Venter på indekset");
        PublishedRecords.publish(held);
        await().atMost(AFTER_BACK_OFF).until(() -> Indexed.aCase(openSearch, held.tenant(), held.id()).isPresent());
        // A document written meanwhile waits for its index too, and is not written to an index named like the alias.
        DocumentRecord waiting = SampleCases.documentOn("Venter også", held);
        PublishedRecords.publish(waiting);
        // Past the propagation interval (200 ms): the propagation and the document's write have met the missing index.
        Thread.sleep(2_000);

        HttpResponse<String> restored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(OwnNode.node.url() + "/" + documents))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(DocumentIndex.DEFINITION.firstVersionBody())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(restored.statusCode()).isEqualTo(200);
        // The channel goes on: a case behind the held one, on its partition, is indexed too.
        CaseRecord behind = SampleCases.markerBehind(held, Topics.CASES);
        PublishedRecords.publish(behind);
        // The held batches retry with back-off: up to 30 s between tries by then.
        await().atMost(AFTER_BACK_OFF).until(() -> Indexed.aCase(openSearch, behind.tenant(), behind.id()).isPresent());
        await().atMost(AFTER_BACK_OFF).until(() -> Indexed.aDocument(openSearch, waiting.tenant(), waiting.id()).isPresent());
    }

    /** The distinct cases and documents sent (the node started empty, so the index must hold exactly these). */
    private static final class Keys implements Sink {
        final Set<String> cases = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final Set<String> documents = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void organisation(Municipality municipality, OrgExport export) {
        }

        @Override
        public void accept(SimRecord record) {
            if (record instanceof SimRecord.CaseVersion c) {
                cases.add(IndexedCase.documentId(c.record().tenant(), c.record().id()));
            } else if (record instanceof SimRecord.CaseDeletion d) {
                cases.add(IndexedCase.documentId(d.deletion().tenant(), d.deletion().id()));
            } else if (record instanceof SimRecord.DocumentVersion d) {
                documents.add(IndexedDocument.documentId(d.record().tenant(), d.record().id()));
            }
        }

        @Override
        public void close() {
        }
    }

    private record Both(Sink first, Sink second) implements Sink {
        @Override
        public void organisation(Municipality municipality, OrgExport export) {
        }

        @Override
        public void accept(SimRecord record) {
            first.accept(record);
            second.accept(record);
        }

        @Override
        public void close() {
        }
    }
}
