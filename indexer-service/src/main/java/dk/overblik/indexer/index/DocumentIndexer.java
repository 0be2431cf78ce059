package dk.overblik.indexer.index;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.indexer.index.CaseAccessPropagation.CurrentCase;
import dk.overblik.indexer.quality.QualityWarning;
import dk.overblik.service.kafka.CloudEventHeaders;
import dk.overblik.service.kafka.DeadLetter;
import dk.overblik.service.kafka.RecordTime;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes batches of document events to OpenSearch. Each document takes the access fields of its
 * cases from the case index at write time; a case not there yet leaves an entry nobody can see
 * through, which fills in when the case arrives. A case of another source system never fills in
 * (see {@link AccessScripts}). Registrations are versioned by a guard in the
 * scripted upsert (documents are also updated by case changes, so OpenSearch's own external
 * version cannot be the registration). After the write, the cases are read once more and any
 * document that missed a case change made meanwhile is brought up to date.
 */
@ApplicationScoped
public class DocumentIndexer {
    private final IndexingPipeline pipeline;
    private final OrderedWrites writes = new OrderedWrites(IndexingPipeline.DOCUMENT_BATCHES_IN_FLIGHT);

    public DocumentIndexer(IndexingPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** A record to write: a document registration (with its case keys) or a tombstone. */
    private record Pending(ConsumerRecord<String, byte[]> record, DocumentRecord document, IndexedDocument tombstone) {
        String tenant() {
            return document != null ? document.tenant() : tombstone.tenant();
        }

        List<String> caseKeys() {
            return document == null ? List.of()
                    : document.caseIds().stream().map(id -> IndexedDocument.documentId(document.tenant(), id)).toList();
        }

        /** The tombstone, or the registration with the access of its cases as {@code access} has them. */
        IndexedDocument indexed(Map<String, CurrentCase> access) {
            return tombstone != null ? tombstone : IndexedDocument.of(document, document.caseIds().stream()
                    .map(id -> CurrentCase.forDocument(access.get(IndexedDocument.documentId(document.tenant(), id)),
                            document.sourceSystem(), id))
                    .toList());
        }

        /** How many of its cases {@code access} has of another source system (none for a tombstone). */
        int linksToAnotherSystem(Map<String, CurrentCase> access) {
            return document == null ? 0
                    : (int) caseKeys().stream().filter(key -> CurrentCase.ofAnotherSystem(access.get(key), document.sourceSystem())).count();
        }
    }

    @Incoming("documents-in")
    public Uni<Void> index(KafkaRecordBatch<String, byte[]> batch) {
        List<ConsumerRecord<String, byte[]>> records = ConsumedBatch.records(batch);
        pipeline.metrics.consumed("documents", records.size());
        List<Pending> pending = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            read(record, pending, rejected);
        }
        // The follow-up is the catch-up: a retry of it (OpenSearch away) repeats only it, not the write and its dead letters.
        return pipeline.process(writes, batch, rejected, () -> write(pending, rejected), this::catchUp);
    }

    private void read(ConsumerRecord<String, byte[]> record, List<Pending> pending, List<DeadLetter> rejected) {
        String type = CloudEventHeaders.type(record);
        RecordReader reader = pipeline.reader.asOf(RecordTime.judgedAt(record));
        String reason;
        if (record.value() == null) {
            reason = "No value";
        } else if (EventTypes.DOCUMENT_UPSERTED.equals(type)) {
            var result = reader.readDocument(record.value());
            if (result.isValid()) {
                pending.add(new Pending(record, result.value(), null));
                return;
            }
            reason = "Invalid document: " + CaseIndexer.describe(result);
        } else if (EventTypes.DOCUMENT_DELETED.equals(type)) {
            var result = reader.readDeletion(record.value());
            if (result.isValid()) {
                pending.add(new Pending(record, null, IndexedDocument.tombstone(result.value())));
                return;
            }
            reason = "Invalid document deletion: " + CaseIndexer.describe(result);
        } else {
            reason = "Unknown CloudEvents type: " + type;
        }
        pipeline.reject(record, reason, rejected);
    }

    /**
     * What a write leaves for the catch-up: each document written or found already there, with the
     * case versions it holds (keyed by document id), and the keys of their cases.
     */
    private record Written(Map<String, Holding> documents, Set<String> caseKeys) {
        static final Written NOTHING = new Written(Map.of(), Set.of());
    }

    /** A document's tenant and the versions of its cases it holds. */
    record Holding(String tenant, List<CaseAccessPropagation.HeldCase> cases) {
        /** What {@code doc}, just written, holds. */
        static Holding written(IndexedDocument doc) {
            return new Holding(doc.tenant(), doc.cases().stream()
                    .map(c -> new CaseAccessPropagation.HeldCase(c.caseId().toString(), c.caseVersion())).toList());
        }

        /**
         * A stale document is a replay (or a duplicate) whose first write may have been followed by no
         * catch-up (a crash in between): what it holds is unknown here, so it is offered every case's
         * current fields, and the guarded script takes only those newer than what it holds.
         */
        static Holding unknown(IndexedDocument doc) {
            return new Holding(doc.tenant(), doc.cases().stream()
                    .map(c -> new CaseAccessPropagation.HeldCase(c.caseId().toString(), -1)).toList());
        }

        /**
         * Two versions of one document in a batch: the catch-up must look at the cases of both (the
         * one that stayed may be either), each at the lower version held, so that it misses none.
         */
        Holding and(Holding other) {
            Map<String, Long> lowest = new LinkedHashMap<>();
            for (CaseAccessPropagation.HeldCase c : cases) {
                lowest.merge(c.caseId(), c.version(), Math::min);
            }
            for (CaseAccessPropagation.HeldCase c : other.cases) {
                lowest.merge(c.caseId(), c.version(), Math::min);
            }
            return new Holding(tenant, lowest.entrySet().stream()
                    .map(e -> new CaseAccessPropagation.HeldCase(e.getKey(), e.getValue())).toList());
        }
    }

    private Uni<Written> write(List<Pending> pending, List<DeadLetter> rejected) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(Written.NOTHING);
        }
        Set<String> caseKeys = new LinkedHashSet<>();
        pending.forEach(p -> caseKeys.addAll(p.caseKeys()));
        return pipeline.setup.ensure(DocumentIndex.DEFINITION)
                .chain(() -> pipeline.propagation.currentAccess(caseKeys))
                .chain(access -> {
                    List<IndexedDocument> docs = pending.stream().map(p -> p.indexed(access)).toList();
                    List<BulkWriter.Operation> operations = docs.stream().map(DocumentIndexer::register).toList();
                    return pipeline.bulk.write("document", operations)
                            .map(results -> afterWrite(pending, docs, access, results, caseKeys, rejected));
                });
    }

    private Written afterWrite(List<Pending> pending, List<IndexedDocument> docs, Map<String, CurrentCase> access,
                               List<BulkWriter.Result> results, Set<String> caseKeys, List<DeadLetter> rejected) {
        Map<String, Holding> holdings = new LinkedHashMap<>();
        int written = 0;
        for (int i = 0; i < results.size(); i++) {
            IndexedDocument doc = docs.get(i);
            String documentId = IndexedDocument.documentId(doc.tenant(), doc.id());
            switch (results.get(i).outcome()) {
                case WRITTEN -> {
                    written++;
                    holdings.merge(documentId, Holding.written(doc), Holding::and);
                    pipeline.quality.accepted(doc.tenant(), doc.sourceSystem(), doc.registeredAt());
                    // Only when written: a replay (stale) was counted when it was first written.
                    pipeline.quality.warned(doc.tenant(), doc.sourceSystem(), QualityWarning.CASE_OF_ANOTHER_SOURCE_SYSTEM,
                            pending.get(i).linksToAnotherSystem(access));
                }
                case STALE -> {
                    holdings.merge(documentId, Holding.unknown(doc), Holding::and);
                    pipeline.metrics.stale("document");
                    pipeline.quality.accepted(doc.tenant(), doc.sourceSystem(), doc.registeredAt());
                }
                case REJECTED -> {
                    pipeline.reject(pending.get(i).record(), "OpenSearch refused the document: " + results.get(i).reason(), rejected);
                }
            }
        }
        pipeline.metrics.indexed("document", written);
        return new Written(holdings, caseKeys);
    }

    /** Did a case change while these were written? Then the change may have missed them. */
    private Uni<Void> catchUp(Written batch) {
        if (batch.documents().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pipeline.propagation.currentAccess(batch.caseKeys()).chain(now -> {
            Map<String, Map<String, CurrentCase>> newerByDocument = new LinkedHashMap<>();
            batch.documents().forEach((documentId, holding) ->
                    newerByDocument.put(documentId, CaseAccessPropagation.newerThanHeld(holding.tenant(), holding.cases(), now)));
            return pipeline.propagation.bringUpToDate(newerByDocument).replaceWithVoid();
        });
    }

    private static BulkWriter.Operation register(IndexedDocument doc) {
        Map<String, Object> params = Map.of("version", doc.registrationVersion(), "doc", Json.mapper().convertValue(doc, Map.class));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scripted_upsert", true);
        body.put("upsert", Map.of());
        body.put("script", AccessScripts.script(AccessScripts.REGISTER_DOCUMENT, params));
        return BulkWriter.Operation.scriptedUpdate(DocumentIndex.WRITE_ALIAS, IndexedDocument.documentId(doc.tenant(), doc.id()), body);
    }
}
