package dk.overblik.service.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A local copy of a compacted topic: the latest value per key, read from the beginning at start
 * and then followed. It is {@link #isComplete() complete} once it has read everything the topic
 * held when it started, which is when a service that depends on it may report ready. No consumer
 * group: every instance needs the whole topic, and nothing is committed. A value that cannot be
 * decoded is skipped and logged by key (keys never hold a person number).
 */
public final class CompactedTopicView<V> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompactedTopicView.class);

    private final String topic;
    private final Function<ConsumerRecord<String, byte[]>, V> decode;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Thread follower;
    private volatile Listener<V> listener = (key, previous, current) -> { };
    private volatile boolean complete;
    private volatile boolean closed;
    private volatile Throwable failure;

    public CompactedTopicView(String bootstrap, String topic, Function<ConsumerRecord<String, byte[]>, V> decode) {
        this.topic = topic;
        this.decode = decode;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.CLIENT_ID_CONFIG, "view-" + topic), new StringDeserializer(), new ByteArrayDeserializer());
        this.follower = new Thread(this::follow, "view-" + topic);
        this.follower.setDaemon(true);
    }

    /** What a view tells its owner about each change: the value before and after (null when absent). */
    @FunctionalInterface
    public interface Listener<V> {
        void changed(String key, V previous, V current);
    }

    /** Calls {@code listener} on the follower thread for every change, before {@link #start()}: for secondary indexes. */
    public CompactedTopicView<V> onChange(Listener<V> listener) {
        this.listener = listener;
        return this;
    }

    public CompactedTopicView<V> start() {
        follower.start();
        return this;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public int size() {
        return values.size();
    }

    /** Whether everything the topic held at start has been read (and the view is still following). */
    public boolean isComplete() {
        return complete && failure == null && follower.isAlive();
    }

    /** Whether the view no longer follows its topic (it failed, or was closed): what it holds may be outdated, for good. */
    public boolean hasStopped() {
        return closed || failure != null || follower.getState() == Thread.State.TERMINATED;
    }

    public String topic() {
        return topic;
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (!complete && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    complete = true;
                    LOG.infof("The view of %s is complete: %d keys", topic, values.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            LOG.errorf(e, "The view of %s stopped following the topic", topic);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            changed(record.key(), values.remove(record.key()), null);
            return;
        }
        try {
            V value = decode.apply(record);
            changed(record.key(), value == null ? values.remove(record.key()) : values.put(record.key(), value), value);
        } catch (RuntimeException e) {
            // The key's old value is outdated, and the new one unreadable: keep neither. For access this fails
            // closed (the user sees nothing until a readable value comes), never open with the wider old access.
            LOG.errorf("An undecodable value on %s for key %s (%s): the key's value is dropped", topic, record.key(), e.toString());
            changed(record.key(), values.remove(record.key()), null);
        }
    }

    private void changed(String key, V previous, V current) {
        if (previous != null || current != null) {
            listener.changed(key, previous, current);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
