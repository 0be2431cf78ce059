package dk.overblik.orgsync.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "overblik.org-sync")
public interface OrgSyncConfig {

    /** Per municipality (CVR): where its full export is pulled from, and whether organisation restriction is on. */
    Map<String, Municipality> municipalities();

    /** How often the configured exports are pulled. */
    Duration pullEvery();

    /** A folder watched for exports dropped as JSON files; none when unset. */
    Optional<Path> dropDir();

    Duration dropScanEvery();

    /** How often the outbox is drained besides right after each import (catches what a crash left). */
    Duration outboxDrainEvery();

    /**
     * The largest export taken, by upload (the HTTP body limit is set from it), pull or drop folder;
     * a larger one is refused before it is read into memory.
     */
    MemorySize maxExportSize();

    /**
     * The largest unit, user or access record an import may publish; an export that would give a larger
     * one is refused. Below {@code Topics.COMPACTED_MAX_RECORD_BYTES}, leaving room for key and headers.
     */
    int maxRecordBytes();

    default boolean orgRestriction(String tenant) {
        Municipality municipality = municipalities().get(tenant);
        return municipality != null && municipality.orgRestriction();
    }

    interface Municipality {
        Optional<URI> exportUrl();

        /** A bearer token for the export URL, from the environment in production. */
        Optional<String> exportToken();

        @WithDefault("false")
        boolean orgRestriction();
    }
}
