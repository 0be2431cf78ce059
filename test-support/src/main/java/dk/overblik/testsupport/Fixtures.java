package dk.overblik.testsupport;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.service.access.AccessViews;
import dk.overblik.service.opensearch.IndexSetup;
import dk.overblik.service.opensearch.OpenSearchJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Puts cases and documents into the real indices and access onto the real topic, as the indexer
 * and org-sync would, for tests of the services that read them. A test module produces it from
 * the application's own beans.
 */
public class Fixtures {
    private final AccessViews views;
    private final OpenSearchJson openSearch;
    private final IndexSetup indexSetup;

    public Fixtures(AccessViews views, OpenSearchJson openSearch, IndexSetup indexSetup) {
        this.views = views;
        this.openSearch = openSearch;
        this.indexSetup = indexSetup;
    }

    /** Publishes a user's access as org-sync would and waits until the service's view holds exactly it. */
    public void grant(EffectiveAccess access) {
        if (views.accessOf(access.tenant(), access.userId()).filter(access::equals).isPresent()) {
            return;
        }
        PublishedAccess.publish(access);
        await().atMost(Duration.ofSeconds(20)).until(() -> views.accessOf(access.tenant(), access.userId())
                .filter(access::equals).isPresent());
    }

    public void indexCases(CaseRecord... cases) {
        indexSetup.ensure(CaseIndex.DEFINITION).await().atMost(Duration.ofSeconds(60));
        bulk(CaseIndex.WRITE_ALIAS, Arrays.stream(cases).map(IndexedCase::of)
                .map(c -> new Object[]{IndexedCase.documentId(c.tenant(), c.id()), c}).toList());
    }

    /** Cases as indexed (versions or tombstones), for tests that build them themselves. */
    public void index(List<IndexedCase> cases) {
        indexSetup.ensure(CaseIndex.DEFINITION).await().atMost(Duration.ofSeconds(60));
        bulk(CaseIndex.WRITE_ALIAS, cases.stream().map(c -> new Object[]{IndexedCase.documentId(c.tenant(), c.id()), c}).toList());
    }

    public void indexDocuments(List<IndexedDocument> documents) {
        indexSetup.ensure(DocumentIndex.DEFINITION).await().atMost(Duration.ofSeconds(60));
        bulk(DocumentIndex.WRITE_ALIAS, documents.stream().map(d -> new Object[]{IndexedDocument.documentId(d.tenant(), d.id()), d})
                .toList());
    }

    /** Documents with the access fields of their cases (which must be among {@code cases}), as the indexer writes them. */
    public void indexDocuments(List<DocumentRecord> documents, CaseRecord... cases) {
        indexSetup.ensure(DocumentIndex.DEFINITION).await().atMost(Duration.ofSeconds(60));
        bulk(DocumentIndex.WRITE_ALIAS, documents.stream().map(d -> {
            List<IndexedDocument.CaseAccess> access = d.caseIds().stream().map(id -> Arrays.stream(cases)
                    .filter(c -> c.id().equals(id)).findFirst().map(c -> IndexedDocument.CaseAccess.of(IndexedCase.of(c))).orElseThrow())
                    .toList();
            return new Object[]{IndexedDocument.documentId(d.tenant(), d.id()), IndexedDocument.of(d, access)};
        }).toList());
    }

    private void bulk(String index, List<Object[]> docs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Object[] doc : docs) {
                body.write(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + doc[0] + "\"}}\n").getBytes());
                body.write(Json.toBytes(doc[1]));
                body.write('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var response = openSearch.ndjson("/_bulk?refresh=true", body.toByteArray()).await().atMost(Duration.ofSeconds(30));
        if (response.path("errors").asBoolean()) {
            throw new IllegalStateException("Bulk failed: " + response);
        }
    }
}
