package dk.overblik.advis.triggers;

import dk.overblik.advis.config.AdvisConfig;
import dk.overblik.service.reactive.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Retries the handling of consumed events until it succeeds, so that the offset never moves past an
 * event whose alerts are not stored: a dependency away or busy is waited out. A {@link Refusal} (the
 * database or OpenSearch refusing the work for what it holds) is not retried: the events are handled
 * one at a time, and the one refused on its own is dead-lettered, so that it does not hold up its
 * partition for good.
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
        return untilDone(what, work, VertxContexts.current());
    }

    /**
     * Runs {@code work} over {@code events} until done, as {@link #untilDone(String, Uni)} does, except that a
     * refused batch is handled an event at a time and an event refused on its own twice goes to {@code deadLetter}
     * with the reason (retried until sent). The second try is for a refusal caused by a race (a rule deleted
     * meanwhile), which a batch's events get from the split. Events keep their order. Runs the work on
     * {@code context}: the consumer's, from {@link #context()} taken on it.
     */
    public <E> Uni<Void> untilDoneOrRefused(String what, List<E> events, Function<List<E>, Uni<?>> work,
                                            BiFunction<E, String, Uni<Void>> deadLetter, Executor context) {
        return attempt(what, events, work, deadLetter, context, false);
    }

    /** The calling Vert.x context, to hand to {@link #untilDoneOrRefused}. Call it on that context. */
    public Executor context() {
        return VertxContexts.current();
    }

    private <E> Uni<Void> attempt(String what, List<E> events, Function<List<E>, Uni<?>> work,
                                  BiFunction<E, String, Uni<Void>> deadLetter, Executor context, boolean triedBefore) {
        Uni<?> attempt = Uni.createFrom().deferred(() -> work.apply(events));
        return attempt.runSubscriptionOn(context)
                .onFailure(Retry::isCurable).invoke(e -> LOG.warnf("%s failed, retrying: %s", what, e.toString()))
                .onFailure(Retry::isCurable).retry().withBackOff(config.retryBackoffMin(), config.retryBackoffMax()).indefinitely()
                .replaceWithVoid()
                .onFailure().recoverWithUni(refused -> {
                    String reason = Refusal.reasonFor(refused).orElseThrow();
                    if (events.size() == 1 && triedBefore) {
                        LOG.warnf("%s was refused again, dead-lettering it: %s", what, reason);
                        return untilDone("Dead-lettering " + what, deadLetter.apply(events.get(0), reason), context);
                    }
                    if (events.size() == 1) {
                        LOG.warnf("%s was refused (%s); trying it once more", what, reason);
                        return attempt(what, events, work, deadLetter, context, true);
                    }
                    LOG.warnf("%s was refused (%s); handling its events one at a time", what, reason);
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (int i = 0; i < events.size(); i++) {
                        List<E> one = List.of(events.get(i));
                        String which = what + ", event " + (i + 1) + " of " + events.size();
                        each = each.chain(() -> attempt(which, one, work, deadLetter, context, true));
                    }
                    return each;
                });
    }

    /** {@link #untilDone(String, Uni)} on a context taken before, from {@link #context()}. */
    public <T> Uni<T> untilDone(String what, Uni<T> work, Executor context) {
        return work.runSubscriptionOn(context).onFailure().invoke(e -> LOG.warnf("%s failed, retrying: %s", what, e.toString()))
                .onFailure().retry().withBackOff(config.retryBackoffMin(), config.retryBackoffMax()).indefinitely();
    }

    private static boolean isCurable(Throwable failure) {
        return Refusal.reasonFor(failure).isEmpty();
    }
}
