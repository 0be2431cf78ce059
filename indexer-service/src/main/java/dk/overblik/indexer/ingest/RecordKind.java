package dk.overblik.indexer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.DocumentIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.index.IndexedDocument;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;

import java.time.Instant;
import java.util.UUID;

/** The two kinds of record vendors push, with how to read them and which events they become. */
enum RecordKind {
    CASE(EventTypes.CASE_UPSERTED, EventTypes.CASE_DELETED, "case", CaseIndex.READ_ALIAS, CaseIndex.SOURCE_SYSTEM) {
        @Override
        ReadResult<?> read(RecordReader reader, JsonNode node, String path) {
            return reader.readCase(node, path);
        }

        @Override
        Fields fields(Object record) {
            CaseRecord c = (CaseRecord) record;
            return new Fields(c.id(), c.key(), c.version(), c.tenant(), c.sourceSystem(), c.registeredAt());
        }

        @Override
        String indexId(String tenant, UUID id) {
            return IndexedCase.documentId(tenant, id);
        }
    },
    DOCUMENT(EventTypes.DOCUMENT_UPSERTED, EventTypes.DOCUMENT_DELETED, "document", DocumentIndex.READ_ALIAS, DocumentIndex.SOURCE_SYSTEM) {
        @Override
        ReadResult<?> read(RecordReader reader, JsonNode node, String path) {
            return reader.readDocument(node, path);
        }

        @Override
        Fields fields(Object record) {
            DocumentRecord d = (DocumentRecord) record;
            return new Fields(d.id(), d.key(), d.version(), d.tenant(), d.sourceSystem(), d.registeredAt());
        }

        @Override
        String indexId(String tenant, UUID id) {
            return IndexedDocument.documentId(tenant, id);
        }
    };

    private final String upsertedType;
    private final String deletedType;
    private final String noun;
    private final String readAlias;
    private final String sourceSystemField;

    RecordKind(String upsertedType, String deletedType, String noun, String readAlias, String sourceSystemField) {
        this.upsertedType = upsertedType;
        this.deletedType = deletedType;
        this.noun = noun;
        this.readAlias = readAlias;
        this.sourceSystemField = sourceSystemField;
    }

    abstract ReadResult<?> read(RecordReader reader, JsonNode node, String path);

    /** What the publisher and the vendor checks need of a record. */
    abstract Fields fields(Object record);

    /** The record's id in its index. */
    abstract String indexId(String tenant, UUID id);

    String readAlias() {
        return readAlias;
    }

    /** The indexed field naming the source system a record belongs to. */
    String sourceSystemField() {
        return sourceSystemField;
    }

    String upsertedType() {
        return upsertedType;
    }

    String deletedType() {
        return deletedType;
    }

    String noun() {
        return noun;
    }

    record Fields(UUID id, String key, long version, String tenant, String sourceSystem, Instant registeredAt) {
    }
}
