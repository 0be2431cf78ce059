package dk.overblik.advis.inbox;

import dk.overblik.contracts.access.EffectiveAccess;
import dk.overblik.contracts.advis.Alert;
import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.json.Json;
import dk.overblik.service.kafka.CloudEventHeaders;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Collection;
import java.util.UUID;

/**
 * New alerts for open inbox streams. Every instance reads {@code overblik.advis.v1} (a consumer group
 * of its own, from the latest offset), so a stream sees alerts whichever instance raised them. The
 * case's access fields come from the stored alert, so each stream can check its caller's access.
 */
@ApplicationScoped
public class AlertStream {
    private static final Logger LOG = Logger.getLogger(AlertStream.class);

    private final Pool pool;
    private final BroadcastProcessor<Raised> raised = BroadcastProcessor.create();

    public AlertStream(Pool pool) {
        this.pool = pool;
    }

    /** A raised alert with the access fields of its case. */
    public record Raised(Alert alert, String kleSubject, int sensitivity, UUID unit) {
        boolean isFor(EffectiveAccess access, String userId, Collection<UUID> units) {
            boolean addressed = userId.equals(alert.recipientUser())
                    || (alert.recipientUser() == null && units.contains(alert.recipientUnit()));
            return addressed && access.sees(alert.tenant(), kleSubject, sensitivity, unit);
        }
    }

    public Multi<Raised> raised() {
        return raised;
    }

    @Incoming("advis-stream-in")
    public Uni<Void> onAlert(ConsumerRecord<String, byte[]> record) {
        if (!EventTypes.ADVIS_RAISED.equals(CloudEventHeaders.type(record))) {
            return Uni.createFrom().voidItem();
        }
        Alert alert;
        try {
            alert = Json.mapper().readValue(record.value(), Alert.class);
        } catch (IOException e) {
            LOG.warnf("Skipping an unreadable alert at offset %d", record.offset());
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("select case_kle_subject, case_sensitivity, case_unit, case_deleted from alert where id = $1")
                .execute(Tuple.of(alert.id()))
                .invoke(rows -> {
                    for (Row row : rows) {
                        if (!row.getBoolean("case_deleted")) {
                            raised.onNext(new Raised(alert, row.getString("case_kle_subject"),
                                    row.getInteger("case_sensitivity"), row.getUUID("case_unit")));
                        }
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("An alert could not be streamed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
