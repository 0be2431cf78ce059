package dk.overblik.indexer.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The indexer's settings ({@code overblik.indexer.*}). */
@ConfigMapping(prefix = "overblik.indexer")
public interface IndexerConfig {

    /** What to do with a record that breaks the contract or that OpenSearch refuses. */
    @WithDefault("DEAD_LETTER")
    OnInvalidRecord onInvalidRecord();

    /** First wait before retrying a bulk write OpenSearch could not take. */
    @WithDefault("200ms")
    Duration retryBackoffMin();

    /** Longest wait between retries while OpenSearch is down or overloaded. */
    @WithDefault("30s")
    Duration retryBackoffMax();

    /** How often the ingest quality counts are added to OpenSearch. */
    @WithDefault("5s")
    Duration qualityFlush();

    /** Documents per page when a batch of cases passes its access on to their documents. */
    @WithDefault("1000")
    int propagationPageSize();

    /**
     * How often at most written cases pass their access on to their documents (a refresh and a
     * search of the documents index); the batches written meanwhile go together. Delays the
     * documents' new access fields, and the batches' commits, by up to this plus a propagation;
     * never the cases. Eight case batches are in flight: a longer interval slows the writes.
     */
    @WithDefault("200ms")
    Duration propagationInterval();

    enum OnInvalidRecord {
        /** Set it aside on {@code <topic>.dlq} with the reason, and go on (the default). */
        DEAD_LETTER,
        /** Stop consuming: for a municipality that would rather halt than skip anything. */
        FAIL
    }
}
