package dk.overblik.advis.triggers;

import dk.overblik.service.opensearch.OpenSearchJson;
import dk.overblik.service.sql.DataRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Optional;

/**
 * Whether a failure is a refusal of the work for what it holds, which no retry can cure: PostgreSQL's
 * data exceptions and integrity violations ({@link DataRefusal}), and OpenSearch's 400. Everything
 * else (a dependency away, busy, timing out, or the organisation view still loading) is retried; a
 * fault in this code is retried too, so that it holds its partition rather than dead-letter every event.
 */
final class Refusal {
    private Refusal() {
    }

    /** The reason to dead-letter with, if it is a refusal. Names the SQLSTATE and schema objects, never values. */
    static Optional<String> reasonFor(Throwable failure) {
        return DataRefusal.of(failure).or(() -> {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof OpenSearchJson.Failure os && os.status() == 400) {
                    return Optional.of(os.getMessage());
                }
            }
            return Optional.empty();
        });
    }

    /** Counts the events of {@code topic} dead-lettered because they were refused. */
    static Counter counter(MeterRegistry registry, String topic) {
        return Counter.builder("advis.events.refused").tag("topic", topic)
                .description("Readable events whose alerts the database or OpenSearch refused; dead-lettered").register(registry);
    }
}
