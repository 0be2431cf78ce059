package dk.overblik.indexer.index;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
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
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

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

    @Inject
    OpenSearchClient openSearch;

    @Test
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
