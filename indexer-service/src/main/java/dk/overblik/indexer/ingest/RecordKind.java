package dk.overblik.indexer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.DocumentRecord;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;

import java.time.Instant;

/** The two kinds of record vendors push, with how to read them and which events they become. */
enum RecordKind {
    CASE(EventTypes.CASE_UPSERTED, EventTypes.CASE_DELETED, "case") {
        @Override
        ReadResult<?> read(RecordReader reader, JsonNode node, String path) {
            return reader.readCase(node, path);
        }

        @Override
        Fields fields(Object record) {
            CaseRecord c = (CaseRecord) record;
            return new Fields(c.key(), c.version(), c.tenant(), c.sourceSystem(), c.registeredAt());
        }
    },
    DOCUMENT(EventTypes.DOCUMENT_UPSERTED, EventTypes.DOCUMENT_DELETED, "document") {
        @Override
        ReadResult<?> read(RecordReader reader, JsonNode node, String path) {
            return reader.readDocument(node, path);
        }

        @Override
        Fields fields(Object record) {
            DocumentRecord d = (DocumentRecord) record;
            return new Fields(d.key(), d.version(), d.tenant(), d.sourceSystem(), d.registeredAt());
        }
    };

    private final String upsertedType;
    private final String deletedType;
    private final String noun;

    RecordKind(String upsertedType, String deletedType, String noun) {
        this.upsertedType = upsertedType;
        this.deletedType = deletedType;
        this.noun = noun;
    }

    abstract ReadResult<?> read(RecordReader reader, JsonNode node, String path);

    /** What the publisher and the vendor check need of a record. */
    abstract Fields fields(Object record);

    String upsertedType() {
        return upsertedType;
    }

    String deletedType() {
        return deletedType;
    }

    String noun() {
        return noun;
    }

    record Fields(String key, long version, String tenant, String sourceSystem, Instant registeredAt) {
    }
}
