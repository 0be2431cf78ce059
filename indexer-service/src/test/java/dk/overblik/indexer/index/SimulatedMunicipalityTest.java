package dk.overblik.indexer.index;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.RateLimiter;
import dk.overblik.simulator.Scenario;
import dk.overblik.simulator.SimRecord;
import dk.overblik.simulator.Simulation;
import dk.overblik.simulator.deliver.KafkaSink;
import dk.overblik.simulator.deliver.Progress;
import dk.overblik.simulator.deliver.Sink;
import dk.overblik.stack.StackEnv;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.TestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A simulated pair of municipalities straight through Kafka, with duplicates, versions out of
 * order and deletions: in the end the index holds exactly the newest registration of every case
 * and document, and every document knows its cases.
 */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class SimulatedMunicipalityTest {

    @Inject
    OpenSearchClient openSearch;

    @Test
    void theIndexEndsWithTheNewestVersionOfEverythingWhateverTheDelivery() {
        Scenario scenario = new Scenario(ThreadLocalRandom.current().nextLong(), Municipality.DEMO, 120, 12, 12, 30,
                Scenario.DEFAULT_ANCHOR, 0.1, 0.4, 0.03, 0);
        Expected expected = new Expected();
        try (KafkaSink kafka = new KafkaSink(TestStack.ensureRunning().get(StackEnv.KAFKA_BOOTSTRAP))) {
            new Simulation(scenario).run(new Tee(kafka, expected), Progress.silent(), RateLimiter.unlimited());
            assertThat(kafka.failures()).isZero();
        }
        assertThat(expected.cases).hasSizeGreaterThan(200);
        assertThat(expected.documents).hasSizeGreaterThan(100);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            Map<String, IndexedCase> cases = mget(CaseIndex.READ_ALIAS, new ArrayList<>(expected.cases.keySet()), IndexedCase.class);
            assertThat(cases).hasSameSizeAs(expected.cases);
            expected.cases.forEach((id, want) -> {
                IndexedCase got = cases.get(id);
                assertThat(RegistrationVersion.of(got.registeredAt())).as(id).isEqualTo(want.version);
                assertThat(got.deleted()).as(id).isEqualTo(want.deleted);
            });
            Map<String, IndexedDocument> docs = mget(DocumentIndex.READ_ALIAS, new ArrayList<>(expected.documents.keySet()), IndexedDocument.class);
            assertThat(docs).hasSameSizeAs(expected.documents);
            docs.forEach((id, doc) -> {
                assertThat(doc.registrationVersion()).as(id).isEqualTo(expected.documents.get(id).version);
                doc.cases().forEach(entry -> {
                    Want caseWant = expected.cases.get(IndexedCase.documentId(doc.tenant(), entry.caseId()));
                    assertThat(entry.known()).as("case %s of %s", entry.caseId(), id).isEqualTo(!caseWant.deleted);
                    assertThat(entry.caseVersion()).isEqualTo(caseWant.version);
                });
            });
        });
    }

    private <T> Map<String, T> mget(String index, List<String> ids, Class<T> type) throws Exception {
        Map<String, T> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + 500));
            openSearch.mget(m -> m.index(index).ids(slice), type).docs().forEach(d -> {
                if (d.isResult() && d.result().found()) {
                    found.put(d.result().id(), d.result().source());
                }
            });
        }
        return found;
    }

    private record Want(long version, boolean deleted) {
    }

    /** The final state the index must reach: newest registration (or deletion) per record. */
    private static final class Expected implements Sink {
        final Map<String, Want> cases = new HashMap<>();
        final Map<String, Want> documents = new HashMap<>();

        @Override
        public void organisation(Municipality municipality, OrgExport export) {
        }

        @Override
        public void accept(SimRecord record) {
            if (record instanceof SimRecord.CaseVersion c) {
                newest(cases, IndexedCase.documentId(c.record().tenant(), c.record().id()), new Want(c.record().version(), false));
            } else if (record instanceof SimRecord.CaseDeletion d) {
                newest(cases, IndexedCase.documentId(d.deletion().tenant(), d.deletion().id()), new Want(d.deletion().version(), true));
            } else if (record instanceof SimRecord.DocumentVersion d) {
                newest(documents, IndexedDocument.documentId(d.record().tenant(), d.record().id()), new Want(d.record().version(), false));
            }
        }

        private static void newest(Map<String, Want> map, String key, Want want) {
            map.merge(key, want, (a, b) -> a.version >= b.version ? a : b);
        }

        @Override
        public void close() {
        }
    }

    private record Tee(Sink first, Sink second) implements Sink {
        @Override
        public void organisation(Municipality municipality, OrgExport export) {
            first.organisation(municipality, export);
            second.organisation(municipality, export);
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
