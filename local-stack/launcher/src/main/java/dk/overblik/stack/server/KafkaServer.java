package dk.overblik.stack.server;

import dk.overblik.contracts.event.Topics;
import dk.overblik.stack.PortPlan;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.Processes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Kafka 4.x in KRaft mode: one combined broker and controller, formatted once. */
public final class KafkaServer implements Component {
    static final int PARTITIONS = 3;

    private final StackLayout layout;
    private final PortPlan ports;

    public KafkaServer(StackLayout layout, PortPlan ports) {
        this.layout = layout;
        this.ports = ports;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<String> portNames() {
        return List.of("kafka", "kafka-controller");
    }

    private Path dataDir() {
        return layout.data("kafka");
    }

    private Path configDir() {
        return layout.stackDir().resolve("config").resolve("kafka");
    }

    private String bootstrap() {
        return "127.0.0.1:" + ports.port("kafka");
    }

    @Override
    public void prepare() {
        if (!Files.isDirectory(layout.kafkaLib())) {
            throw new StackException("Kafka's jars are missing (" + layout.kafkaLib() + "): build first with ./mvnw package -DskipTests");
        }
        try {
            Files.createDirectories(configDir());
            Files.writeString(configDir().resolve("server.properties"), serverProperties());
            Files.writeString(configDir().resolve("log4j2.properties"), log4jProperties());
            if (!Files.exists(dataDir().resolve("meta.properties"))) {
                Files.createDirectories(dataDir());
                String classpath = layout.kafkaLib() + "/*";
                String clusterId = Processes.run(JavaCommand.of(List.of(), classpath, "kafka.tools.StorageTool",
                        List.of("random-uuid")), layout.stackDir(), Duration.ofSeconds(60)).lines()
                        .filter(line -> line.matches("[A-Za-z0-9_-]{22}")).findFirst()
                        .orElseThrow(() -> new StackException("Kafka's StorageTool gave no cluster id"));
                Processes.run(JavaCommand.of(List.of("-Dlog4j2.configurationFile=" + configDir().resolve("log4j2.properties")),
                        classpath, "kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c",
                                configDir().resolve("server.properties").toString(), "--standalone")),
                        layout.stackDir(), Duration.ofSeconds(60));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String serverProperties() {
        int port = ports.port("kafka");
        int controller = ports.port("kafka-controller");
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") ;
    }

    private String log4jProperties() {
        return String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.console.ref = console",
                "logger.kafka.name = kafka",
                "logger.kafka.level = warn",
                "logger.kafkaorg.name = org.apache.kafka",
                "logger.kafkaorg.level = warn",
                "logger.started.name = kafka.server.KafkaRaftServer",
                "logger.started.level = info",
                "");
    }

    @Override
    public List<String> command() {
        return JavaCommand.of(List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                        "-Dlog4j2.configurationFile=" + configDir().resolve("log4j2.properties")),
                layout.kafkaLib() + "/*", "kafka.Kafka", List.of(configDir().resolve("server.properties").toString()));
    }

    @Override
    public Path workDir() {
        return layout.stackDir();
    }

    @Override
    public boolean isReady() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Creates every topic of the design with its dead-letter topic; org and access are compacted and take larger records. */
    @Override
    public void afterReady() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (String name : List.of(topic, Topics.deadLetter(topic))) {
                    if (!existing.contains(name)) {
                        NewTopic newTopic = new NewTopic(name, PARTITIONS, (short) 1);
                        if (Topics.COMPACTED.contains(name)) {
                            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.COMPACTED_MAX_RECORD_BYTES)));
                        }
                        missing.add(newTopic);
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            // A stack made before the compacted topics took larger records gets the setting too.
            Map<ConfigResource, Collection<AlterConfigOp>> larger = new HashMap<>();
            for (String topic : Topics.COMPACTED) {
                larger.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.COMPACTED_MAX_RECORD_BYTES)),
                        AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(larger).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new StackException("Could not create Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    @Override
    public Map<String, String> stackEnv() {
        return Map.of(StackEnv.KAFKA_BOOTSTRAP, bootstrap());
    }
}
