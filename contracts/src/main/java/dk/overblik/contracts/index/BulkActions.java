package dk.overblik.contracts.index;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;

/**
 * Action lines of an OpenSearch bulk body, for the indexer and the benchmarks' direct loads alike.
 * Written as text: there is one per record, and building and serializing a JSON tree for each
 * cost more than the document after it.
 */
public final class BulkActions {
    private BulkActions() {
    }

    /** Index with an external version: an older or equal version is refused as a conflict. */
    public static byte[] versionedIndex(String index, String id, long version) {
        return ("{\"index\":{\"_index\":" + quoted(index) + ",\"_id\":" + quoted(id) + ",\"version\":" + version
                + ",\"version_type\":\"external\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Index (create or replace) without versioning. */
    public static byte[] index(String index, String id) {
        return ("{\"index\":{\"_index\":" + quoted(index) + ",\"_id\":" + quoted(id) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A scripted update (or scripted upsert); OpenSearch retries internal races itself first. */
    public static byte[] update(String index, String id, int retryOnConflict) {
        return ("{\"update\":{\"_index\":" + quoted(index) + ",\"_id\":" + quoted(id) + ",\"retry_on_conflict\":" + retryOnConflict
                + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
