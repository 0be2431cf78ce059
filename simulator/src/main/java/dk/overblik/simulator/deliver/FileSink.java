package dk.overblik.simulator.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.org.OrgExport;
import dk.overblik.simulator.Municipality;
import dk.overblik.simulator.SimRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes JSON lines under a folder: {@code <cvr>/org-export.json} per municipality, and
 * {@code cases.jsonl}, {@code documents.jsonl}, {@code deletions.jsonl}, {@code cpr-events.jsonl}
 * in delivery order. One record per line, in the ingest contract's JSON.
 */
public final class FileSink implements Sink {
    public static final String CASES = "cases.jsonl";
    public static final String DOCUMENTS = "documents.jsonl";
    public static final String DELETIONS = "deletions.jsonl";
    public static final String CPR_EVENTS = "cpr-events.jsonl";
    public static final String ORG_EXPORT = "org-export.json";

    private final Path dir;
    private final ObjectMapper mapper = Json.mapper();
    private final BufferedWriter cases;
    private final BufferedWriter documents;
    private final BufferedWriter deletions;
    private final BufferedWriter cprEvents;

    public FileSink(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            cases = Files.newBufferedWriter(dir.resolve(CASES), StandardCharsets.UTF_8);
            documents = Files.newBufferedWriter(dir.resolve(DOCUMENTS), StandardCharsets.UTF_8);
            deletions = Files.newBufferedWriter(dir.resolve(DELETIONS), StandardCharsets.UTF_8);
            cprEvents = Files.newBufferedWriter(dir.resolve(CPR_EVENTS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write under " + dir, e);
        }
    }

    @Override
    public void organisation(Municipality municipality, OrgExport export) {
        try {
            Path folder = dir.resolve(municipality.cvr());
            Files.createDirectories(folder);
            mapper.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(ORG_EXPORT).toFile(), export);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(SimRecord record) {
        try {
            if (record instanceof SimRecord.CaseVersion c) {
                line(cases, c.record());
            } else if (record instanceof SimRecord.DocumentVersion d) {
                line(documents, d.record());
            } else if (record instanceof SimRecord.CaseDeletion d) {
                line(deletions, deletion("case", d.deletion()));
            } else if (record instanceof SimRecord.DocumentDeletion d) {
                line(deletions, deletion("document", d.deletion()));
            } else if (record instanceof SimRecord.CprEventRecord e) {
                line(cprEvents, e.event());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode deletion(String kind, Object deletion) {
        ObjectNode node = mapper.valueToTree(deletion);
        node.put("kind", kind);
        return node;
    }

    private void line(BufferedWriter writer, Object value) throws IOException {
        writer.write(mapper.writeValueAsString(value));
        writer.newLine();
    }

    @Override
    public void close() {
        try {
            cases.close();
            documents.close();
            deletions.close();
            cprEvents.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
