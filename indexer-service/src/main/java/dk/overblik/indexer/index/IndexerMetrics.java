package dk.overblik.indexer.index;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * The indexer's Prometheus metrics, registered at start so dashboards see them from zero:
 * records consumed (per topic), indexed and stale-ignored (per kind), dead-lettered (per topic),
 * and bulk request latency (per kind). Consumer lag comes from the Kafka client binder.
 * Labels are fixed words, never record content.
 */
@Startup
@ApplicationScoped
public class IndexerMetrics {
    private final Map<String, Counter> consumed;
    private final Map<String, Counter> indexed;
    private final Map<String, Counter> stale;
    private final Map<String, Counter> deadLettered;
    private final Map<String, Timer> bulk;

    public IndexerMetrics(MeterRegistry registry) {
        consumed = Map.of("cases", registry.counter("overblik.indexer.records.consumed", "topic", "cases"),
                "documents", registry.counter("overblik.indexer.records.consumed", "topic", "documents"));
        indexed = Map.of("case", registry.counter("overblik.indexer.records.indexed", "kind", "case"),
                "document", registry.counter("overblik.indexer.records.indexed", "kind", "document"));
        stale = Map.of("case", registry.counter("overblik.indexer.records.stale", "kind", "case"),
                "document", registry.counter("overblik.indexer.records.stale", "kind", "document"));
        deadLettered = Map.of("cases", registry.counter("overblik.indexer.records.dead.lettered", "topic", "cases"),
                "documents", registry.counter("overblik.indexer.records.dead.lettered", "topic", "documents"));
        bulk = Map.of("case", timer(registry, "case"), "document", timer(registry, "document"),
                "document-access", timer(registry, "document-access"), "quality", timer(registry, "quality"));
    }

    private static Timer timer(MeterRegistry registry, String kind) {
        return Timer.builder("overblik.indexer.bulk").tag("kind", kind).publishPercentiles(0.5, 0.99).register(registry);
    }

    public void consumed(String topic, int n) {
        consumed.get(topic).increment(n);
    }

    public void indexed(String kind, int n) {
        indexed.get(kind).increment(n);
    }

    public void stale(String kind) {
        stale.get(kind).increment();
    }

    /** {@code topic} is the short name: cases or documents. */
    public void deadLettered(String topic) {
        deadLettered.get(topic).increment();
    }

    public Timer bulk(String kind) {
        return bulk.get(kind);
    }
}
