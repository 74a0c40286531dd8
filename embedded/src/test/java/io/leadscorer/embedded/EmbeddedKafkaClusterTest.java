package io.leadscorer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterTest {

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaCluster.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void producedRecordIsConsumed() throws Exception {
        kafka.createTopic("plain", 3);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("plain", 1, "lead-1", "hello")).get();
            assertThat(metadata.partition()).isEqualTo(1);
            assertThat(metadata.offset()).isZero();
        }
        List<ConsumerRecord<String, String>> records = consume("plain", "plain-group", 1, "read_uncommitted");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("lead-1");
            assertThat(r.value()).isEqualTo("hello");
            assertThat(r.partition()).isEqualTo(1);
        });
    }

    @Test
    void transactionalCommitIsVisibleToReadCommittedConsumer() {
        kafka.createTopic("transactional", 1);
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "b", "committed-1"));
            producer.send(new ProducerRecord<>("transactional", "c", "committed-2"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> records = consume("transactional", "tx-group", 2, "read_committed");
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");
    }

    @Test
    void compactedTopicHasCompactCleanupPolicy() throws Exception {
        kafka.createCompactedTopic("compacted", 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            ConfigEntry policy = admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");
        }
    }

    @Test
    void restartKeepsThePortTheRecordsTheTransactionsAndTheOffsets() throws Exception {
        try (EmbeddedKafkaCluster node = EmbeddedKafkaCluster.start()) {
            node.createTopic("restarted", 1);
            String address = node.bootstrapServers();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            try (KafkaProducer<String, String> producer = producer(node, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "tx-restart"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("restarted", "a", "before-1"));
                producer.send(new ProducerRecord<>("restarted", "b", "before-2"));
                producer.commitTransaction();
                assertThat(consume(node, "restarted", "restart-group", 2, "read_committed"))
                        .extracting(ConsumerRecord::value).containsExactly("before-1", "before-2");

                node.stopNode();
                assertThat(listening(port)).as("port %d while the node is down", port).isFalse();
                node.startNode();

                assertThat(node.bootstrapServers()).isEqualTo(address);
                assertThat(listening(port)).isTrue();
                producer.beginTransaction(); // the same producer reconnects; its transactional id is still known
                producer.send(new ProducerRecord<>("restarted", "c", "after-1"));
                producer.commitTransaction();
            }
            assertThat(consume(node, "restarted", "restart-group", 1, "read_committed"))
                    .as("the group's committed offset survived").extracting(ConsumerRecord::value).containsExactly("after-1");
            assertThat(consume(node, "restarted", "fresh-group", 3, "read_committed"))
                    .as("the records before the restart survived").extracting(ConsumerRecord::value)
                    .containsExactly("before-1", "before-2", "after-1");
        }
    }

    @Test
    void threeBrokersKeepEveryAcknowledgedRecordThroughACrashedBroker() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, Map.of())) {
            assertThat(cluster.brokers()).isEqualTo(3);
            assertThat(cluster.replicationFactor()).isEqualTo((short) 3);
            cluster.createTopic("replicated", 3);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions())
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "replicated");
                assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("min.insync.replicas").value())
                        .isEqualTo("2");
            }
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(cluster, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-replicated"))) {
                producer.initTransactions();
                sendCommitted(producer, sent, "before", 30);

                cluster.stopBroker(1);
                sendCommitted(producer, sent, "down", 60);
                cluster.startBroker(1);
                cluster.awaitFullIsr("replicated");
                sendCommitted(producer, sent, "back", 30);

                // the restarted broker holds what was written while it was down: it can lead without the others' help
                cluster.stopBroker(0);
                sendCommitted(producer, sent, "second", 30);
            }
            assertThat(consume(cluster, "replicated", "replicated-group", sent.size(), "read_committed"))
                    .extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
            cluster.startBroker(0);
            cluster.awaitFullIsr("replicated");
        }
    }

    private static void sendCommitted(KafkaProducer<String, String> producer, List<String> sent, String prefix, int count) {
        producer.beginTransaction();
        for (int i = 0; i < count; i++) {
            String value = prefix + "-" + i;
            producer.send(new ProducerRecord<>("replicated", value, value));
            sent.add(value);
        }
        producer.commitTransaction();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        return producer(kafka, extra);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaCluster node, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String group, int count, String isolation) {
        return consume(kafka, topic, group, count, isolation);
    }

    /**
     * Polls until {@code count} records have arrived (no wall-clock limit, per the project's test rules) and commits
     * the group's offsets.
     */
    private static List<ConsumerRecord<String, String>> consume(EmbeddedKafkaCluster node, String topic, String group,
                                                                int count, String isolation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (records.size() < count) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.commitSync();
        }
        return records;
    }
}
