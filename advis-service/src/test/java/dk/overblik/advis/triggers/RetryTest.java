package dk.overblik.advis.triggers;

import dk.overblik.advis.config.AdvisConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch handling of the consumers, with a stand-in for the work: which events get done, in what order, which are dead-lettered. */
class RetryTest {
    private final Vertx vertx = Vertx.vertx();
    private final Retry retry = new Retry(new Backoff());

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aRefusedBatchIsDoneAnEventAtATimeAndOnlyTheRefusedEventIsDeadLetteredInOrderWithTransientFailuresRetried() throws Exception {
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> deadLettered = new ConcurrentHashMap<>();
        AtomicInteger deadLetterAttempts = new AtomicInteger();
        AtomicInteger transientFailuresLeft = new AtomicInteger(2);

        run(() -> retry.untilDoneOrRefused("A batch of 4", List.of("a", "poison", "b", "c"), events -> {
            if (events.contains("poison")) {
                return Uni.createFrom().failure(new PgException("violates check constraint", "ERROR", "23514", null));
            }
            if (events.contains("b") && transientFailuresLeft.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new PgException("could not serialize access", "ERROR", "40001", null));
            }
            done.addAll(events);
            return Uni.createFrom().voidItem();
        }, (event, reason) -> Uni.createFrom().deferred(() -> deadLetterAttempts.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("Kafka away"))
                : Uni.createFrom().voidItem().invoke(() -> deadLettered.put(event, reason))), retry.context()));

        assertThat(done).containsExactly("a", "b", "c");
        assertThat(deadLettered).containsExactly(Map.entry("poison", "PostgreSQL refused it: SQLSTATE 23514"));
        assertThat(deadLetterAttempts).hasValue(2);
        assertThat(transientFailuresLeft.get()).isNegative();
    }

    @Test
    void aBatchThatFailsOnlyTransientlyIsRetriedWholeAndNothingIsDeadLettered() throws Exception {
        List<List<String>> attempts = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> deadLettered = new ConcurrentHashMap<>();

        run(() -> retry.untilDoneOrRefused("A batch of 2", List.of("a", "b"), events -> {
            attempts.add(events);
            return attempts.size() < 3 ? Uni.createFrom().failure(new IllegalStateException("The organisation view is still loading"))
                    : Uni.createFrom().voidItem();
        }, (event, reason) -> Uni.createFrom().voidItem().invoke(() -> deadLettered.put(event, reason)), retry.context()));

        assertThat(attempts).containsExactly(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"));
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void aLoneEventIsTriedOnceMoreBeforeItIsDeadLetteredSoThatARaceDoesNotCostItsAlerts() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Map<String, String> deadLettered = new ConcurrentHashMap<>();
        run(() -> retry.untilDoneOrRefused("A batch of 1", List.of("raced"), events -> attempts.incrementAndGet() == 1
                        ? Uni.createFrom().failure(new PgException("violates foreign key constraint", "ERROR", "23503", null))
                        : Uni.createFrom().voidItem(),
                (event, reason) -> Uni.createFrom().voidItem().invoke(() -> deadLettered.put(event, reason)), retry.context()));
        assertThat(attempts).hasValue(2);
        assertThat(deadLettered).isEmpty();

        attempts.set(0);
        run(() -> retry.untilDoneOrRefused("A batch of 1", List.of("poison"), events -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new PgException("violates check constraint", "ERROR", "23514", null));
        }, (event, reason) -> Uni.createFrom().voidItem().invoke(() -> deadLettered.put(event, reason)), retry.context()));
        assertThat(attempts).hasValue(2);
        assertThat(deadLettered).containsOnlyKeys("poison");
    }

    /** Builds and subscribes on a Vert.x context, as a consumer does, and waits for the end. */
    private void run(java.util.function.Supplier<Uni<Void>> work) throws Exception {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> work.get().subscribe().with(finished::complete, finished::completeExceptionally));
        finished.get(30, TimeUnit.SECONDS);
    }

    private static final class Backoff implements AdvisConfig {
        @Override
        public Optional<List<String>> municipalities() {
            return Optional.empty();
        }

        @Override
        public RulesAtStart rulesAtStart() {
            return RulesAtStart.NONE;
        }

        @Override
        public Duration caseOpenedWithin() {
            return Duration.ofDays(1);
        }

        @Override
        public Duration retryBackoffMin() {
            return Duration.ofMillis(10);
        }

        @Override
        public Duration retryBackoffMax() {
            return Duration.ofMillis(20);
        }

        @Override
        public Duration outboxDrainEvery() {
            return Duration.ofSeconds(1);
        }
    }
}
