package dk.overblik.indexer.index;

import dk.overblik.contracts.event.EventTypes;
import dk.overblik.contracts.event.Topics;
import dk.overblik.contracts.index.CaseIndex;
import dk.overblik.contracts.index.IndexedCase;
import dk.overblik.contracts.record.CaseRecord;
import dk.overblik.service.kafka.DeadLetter;
import dk.overblik.testsupport.KafkaProbe;
import dk.overblik.testsupport.OverblikStack;
import dk.overblik.testsupport.PublishedRecords;
import dk.overblik.testsupport.SampleCases;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that reach Kafka without passing the REST API are checked again, and bad ones are set aside. */
@QuarkusTest
@WithTestResource(value = OverblikStack.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    @Inject
    OpenSearchClient openSearch;

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndThePipelineGoesOn() {
        String poisonKey = SampleCases.TENANT_A + "/" + UUID.randomUUID();
        KafkaProbe.send(Topics.CASES, poisonKey, "{\"id\": \"broken\"".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", EventTypes.CASE_UPSERTED, "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                        "ce_source", "urn:test"));
        CaseRecord good = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Efter giftpillen");
        PublishedRecords.publish(good);

        List<ConsumerRecord<String, byte[]>> dead = KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), poisonKey,
                Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(KafkaProbe.header(record, DeadLetter.REASON)).contains("MALFORMED_JSON");
            assertThat(KafkaProbe.header(record, DeadLetter.TOPIC)).isEqualTo(Topics.CASES);
            assertThat(KafkaProbe.header(record, DeadLetter.PARTITION)).matches("\\d+");
            assertThat(KafkaProbe.header(record, DeadLetter.OFFSET)).matches("\\d+");
            assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo(EventTypes.CASE_UPSERTED);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"broken\"");
        });

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(openSearch.search(s -> s.index(CaseIndex.READ_ALIAS)
                        .query(q -> q.ids(i -> i.values(IndexedCase.documentId(good.tenant(), good.id())))), IndexedCase.class)
                        .hits().hits()).hasSize(1));
    }

    @Test
    void aCaseForAnIndexBlockedForWritesWaitsAndIsIndexedOnceTheBlockIsLiftedNotDeadLettered() throws Exception {
        CaseRecord c = SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(), "Under skriveblokering");
        blockWrites(true);
        try {
            PublishedRecords.publish(c);
            // Meanwhile the indexer meets the block again and again (back-off from 200 ms): the record is no poison.
            assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), c.key(), Duration.ofSeconds(6))).isEmpty();
            assertThat(casesWithId(c)).isEmpty();
        } finally {
            blockWrites(false);
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(casesWithId(c)).hasSize(1));
        assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), c.key(), Duration.ofSeconds(2))).isEmpty();
    }

    private void blockWrites(boolean blocked) throws Exception {
        openSearch.indices().putSettings(r -> r.index(CaseIndex.WRITE_ALIAS).settings(s -> s.blocks(b -> b.write(blocked))));
    }

    private List<?> casesWithId(CaseRecord c) throws Exception {
        return openSearch.search(s -> s.index(CaseIndex.READ_ALIAS)
                .query(q -> q.ids(i -> i.values(IndexedCase.documentId(c.tenant(), c.id())))), IndexedCase.class).hits().hits();
    }

    @Test
    void aRegistrationTimeIsJudgedAgainstWhenTheRecordWasPublishedNotWhenItIsConsumed() throws Exception {
        // Published an hour ago: a replay now, or a consumer that lags an hour, must decide as the first reading did.
        Instant publishedAt = Instant.now().minus(Duration.ofHours(1));
        CaseRecord tooEarly = SampleCases.laterVersion(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(),
                "Ti minutter for tidligt"), "Ti minutter for tidligt", -3600 + 600);
        CaseRecord inTime = SampleCases.laterVersion(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(),
                "Fire minutter senere"), "Fire minutter senere", -3600 + 240);
        PublishedRecords.publish(tooEarly, publishedAt);
        PublishedRecords.publish(inTime, publishedAt);

        assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), tooEarly.key(), Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> assertThat(KafkaProbe.header(r, DeadLetter.REASON)).contains("registeredAt IN_FUTURE"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(casesWithId(inTime)).hasSize(1));
        assertThat(casesWithId(tooEarly)).isEmpty();
    }

    @Test
    void aProducerWhoseClockRunsAheadCannotGetARegistrationTimePastTheConsumersClock() throws Exception {
        // Stamped and registered by a clock half an hour fast (Kafka 4 takes timestamps up to an hour ahead).
        Instant publishedAt = Instant.now().plus(Duration.ofMinutes(30));
        CaseRecord fromAFastClock = SampleCases.laterVersion(SampleCases.openCase(SampleCases.TENANT_A, SampleCases.randomPerson(),
                "Fra et ur der går for stærkt"), "Fra et ur der går for stærkt", 30 * 60 - 60);
        PublishedRecords.publish(fromAFastClock, publishedAt);

        assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), fromAFastClock.key(), Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> assertThat(KafkaProbe.header(r, DeadLetter.REASON)).contains("registeredAt IN_FUTURE"));
        assertThat(casesWithId(fromAFastClock)).isEmpty();
    }

    @Test
    void anUnknownEventTypeIsDeadLettered() {
        String key = SampleCases.TENANT_A + "/" + UUID.randomUUID();
        KafkaProbe.send(Topics.CASES, key, "{}".getBytes(StandardCharsets.UTF_8), Map.of("ce_type", "dk.example.unknown"));
        assertThat(KafkaProbe.recordsWithKey(Topics.deadLetter(Topics.CASES), key, Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> assertThat(KafkaProbe.header(r, DeadLetter.REASON)).contains("dk.example.unknown"));
    }
}
