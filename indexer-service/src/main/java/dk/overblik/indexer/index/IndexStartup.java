package dk.overblik.indexer.index;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.indexer.quality.QualityRecorder;
import dk.overblik.service.opensearch.IndexSetup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Templates, indices and aliases exist from the start, so readers never meet a missing index. */
public class IndexStartup {
    void onStart(@Observes StartupEvent event, IndexSetup setup) {
        // Non-blocking: retries in the background until OpenSearch answers.
        setup.ensure(CaseIndex.DEFINITION)
                .chain(() -> setup.ensure(DocumentIndex.DEFINITION))
                .chain(() -> setup.ensure(QualityRecorder.INDEX))
                .subscribe().with(ok -> { }, e -> { });
    }
}
