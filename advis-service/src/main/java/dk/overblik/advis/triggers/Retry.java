package dk.overblik.advis.triggers;

import dk.overblik.advis.config.AdvisConfig;
import dk.overblik.service.reactive.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Retries the handling of consumed events until it succeeds: a failure there is OpenSearch,
 * PostgreSQL or Kafka being away, never the event itself (bad events are refused before), and
 * the offset must not move past an event whose alerts are not stored.
 */
@ApplicationScoped
public class Retry {
    private static final Logger LOG = Logger.getLogger(Retry.class);

    private final AdvisConfig config;

    public Retry(AdvisConfig config) {
        this.config = config;
    }

    /**
     * Runs {@code work}, and again after each failure, on the calling Vert.x context (Hibernate
     * Reactive needs it, and a failure may arrive on another thread). Call it on that context.
     */
    public <T> Uni<T> untilDone(String what, Uni<T> work) {
        return work.runSubscriptionOn(VertxContexts.current()).onFailure().invoke(e -> LOG.warnf("%s failed, retrying: %s", what, e.toString()))
                .onFailure().retry().withBackOff(config.retryBackoffMin(), config.retryBackoffMax()).indefinitely();
    }
}
