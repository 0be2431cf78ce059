package dk.overblik.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.index.BulkActions;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.contracts.record.RegistrationVersion;
import dk.overblik.contracts.validation.ReadResult;
import dk.overblik.contracts.validation.RecordReader;
import dk.overblik.simulator.SimRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the indexer does with each case event on its own, without Kafka, HTTP or OpenSearch:
 * read the untrusted JSON and check every rule of the contract, then build the indexed case and
 * encode its bulk operation. One event per invocation, taken in turn from the first
 * {@code events} registrations of the indexer benchmark's simulated municipalities, as the
 * simulator's producer serializes them. Run by {@link CodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CaseEventCodec {
    @Param("7")
    long seed;

    @Param("100000")
    int events;

    private byte[][] values;
    private int next;
    private RecordReader reader;
    private Instant publishedAt;

    @Setup
    public void generate() {
        List<byte[]> generated = new ArrayList<>();
        IndexerBenchmark.caseEvents(seed, events, record -> {
            if (record instanceof SimRecord.CaseVersion version) {
                generated.add(Json.toBytes(version.record()));
            }
        });
        values = generated.toArray(new byte[0][]);
        reader = RecordReader.withSystemClock();
        // As the indexer judges a record: by the time it was published, a little after its registration.
        publishedAt = Instant.now();
    }

    private byte[] nextValue() {
        byte[] value = values[next];
        next = next + 1 == values.length ? 0 : next + 1;
        return value;
    }

    /** The JSON tree alone, as the reader builds it before it checks anything. */
    @Benchmark
    public JsonNode parse() throws IOException {
        return Json.mapper().readTree(nextValue());
    }

    /** Parsed and checked against every rule of the contract, as the indexer reads a record from Kafka. */
    @Benchmark
    public ReadResult<CaseRecord> read() {
        return reader.asOf(publishedAt).readCase(nextValue());
    }

    /** Read, then built as the indexed case and encoded as its versioned bulk operation: all the indexer's own work per event. */
    @Benchmark
    public int readAndEncode() {
        CaseRecord record = reader.asOf(publishedAt).readCase(nextValue()).value();
        IndexedCase indexed = IndexedCase.of(record);
        byte[] action = BulkActions.versionedIndex(CaseIndex.WRITE_ALIAS, IndexedCase.documentId(indexed.tenant(), indexed.id()),
                RegistrationVersion.of(indexed.registeredAt()));
        return action.length + Json.toBytes(indexed).length;
    }
}
