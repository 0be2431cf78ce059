package dk.overblik.indexer;

import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.search.Hit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/** Reads what the indexer wrote, as a test sees it (through the read aliases, after refresh). */
public final class Indexed {
    private Indexed() {
    }

    public static Optional<IndexedCase> aCase(OpenSearchClient client, String tenant, UUID id) {
        try {
            return client.search(s -> s.index(CaseIndex.READ_ALIAS).query(q -> q.ids(i -> i.values(IndexedCase.documentId(tenant, id)))),
                    IndexedCase.class).hits().hits().stream().map(Hit::source).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<IndexedDocument> aDocument(OpenSearchClient client, String tenant, UUID id) {
        try {
            return client.search(s -> s.index(DocumentIndex.READ_ALIAS).query(q -> q.ids(i -> i.values(IndexedDocument.documentId(tenant, id)))),
                    IndexedDocument.class).hits().hits().stream().map(Hit::source).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
