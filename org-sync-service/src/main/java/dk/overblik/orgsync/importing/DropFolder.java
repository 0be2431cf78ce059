package dk.overblik.orgsync.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overblik.contracts.json.Json;
import dk.overblik.contracts.validation.Violation;
import dk.overblik.contracts.validation.ViolationCode;
import dk.overblik.orgsync.config.OrgSyncConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports exports dropped as {@code *.json} files into the watched folder. Each file is moved to
 * {@code imported/} or {@code refused/} afterwards, with the sync report beside it, so a file is
 * imported once and an operator sees why one was refused.
 */
@ApplicationScoped
public class DropFolder {
    private static final Logger LOG = Logger.getLogger(DropFolder.class);

    private final OrgSyncConfig config;
    private final OrgImport orgImport;

    public DropFolder(OrgSyncConfig config, OrgImport orgImport) {
        this.config = config;
        this.orgImport = orgImport;
    }

    @Scheduled(every = "${overblik.org-sync.drop-scan-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        config.dropDir().ifPresent(this::scan);
    }

    /** Imports every export now in {@code folder}; the reports, in file name order. */
    public List<SyncReport> scan(Path folder) {
        List<SyncReport> reports = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return reports;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOG.errorf(e, "Cannot list the organisation drop folder %s", folder);
            return reports;
        }
        files.sort(null);
        for (Path file : files) {
            try {
                reports.add(importFile(folder, file));
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "Importing the dropped organisation export %s failed; it stays for the next scan", file.getFileName());
            }
        }
        return reports;
    }

    private SyncReport importFile(Path folder, Path file) throws IOException {
        long limit = config.maxExportSize().asLongValue();
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded, also for a file still growing while it is read.
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        SyncReport report;
        if (content.length > limit) {
            // The municipality it names is not read, so it is refused here, not recorded as a run.
            Instant now = Instant.now();
            report = SyncReport.refused(null, ImportChannel.DROP, now, now, List.of(new Violation("", ViolationCode.TOO_LONG,
                    "is over the " + limit + " bytes allowed (overblik.org-sync.max-export-size)")));
        } else {
            report = orgImport.importExport(municipalityOf(content), content, ImportChannel.DROP).await().indefinitely();
        }
        Path target = folder.resolve(report.outcome() == SyncOutcome.REFUSED ? "refused" : "imported");
        Files.createDirectories(target);
        Path moved = target.resolve(file.getFileName());
        Files.move(file, moved, StandardCopyOption.REPLACE_EXISTING);
        Files.write(target.resolve(file.getFileName() + ".report.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        LOG.infof("Dropped organisation export %s: %s", file.getFileName(), report.outcome());
        return report;
    }

    /** The municipality the export names; an unreadable file is still imported, to be refused with a report. */
    private static String municipalityOf(byte[] content) {
        try {
            JsonNode tree = Json.mapper().readTree(content);
            String municipality = tree == null ? "" : tree.path("Municipality").asText("");
            return municipality.isEmpty() ? "unknown" : municipality;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
