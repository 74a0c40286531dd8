package io.leadscorer.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka cluster (one combined KRaft controller + broker) running inside the test JVM,
 * built on Kafka's own test kit, so integration tests exercise the real protocol, consumer groups and
 * transactions without Docker. Replication settings are lowered to fit one node; the metadata version is
 * the release's production one (the test kit would otherwise enable unreleased features).
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0",
            "num.partitions", "1",
            "auto.create.topics.enable", "false");

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    /** Formats, starts and waits for the broker; the caller closes it. */
    public static EmbeddedKafkaCluster start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with further broker settings (e.g. shorter transaction clean-up for fault tests). */
    public static EmbeddedKafkaCluster start(Map<String, String> brokerProperties) {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BROKER_PROPERTIES.forEach(builder::setConfigProp);
            brokerProperties.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaCluster(cluster);
        } catch (Exception | Error e) {
            IllegalStateException failure = new IllegalStateException("Could not start the embedded Kafka cluster", e);
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates a topic (replication factor 1) and waits until its partitions have a leader. */
    public void createTopic(String name, int partitions) {
        create(new NewTopic(name, partitions, (short) 1));
    }

    /** Creates a log-compacted topic (replication factor 1), e.g. for the model control topic. */
    public void createCompactedTopic(String name, int partitions) {
        create(new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    private void create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            awaitLeaders(topic.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic.name(), e);
        }
    }

    private void awaitLeaders(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException retriable) {
                // metadata not yet propagated to the broker; ask again
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Topic " + topic + " has no leader after 60 s");
    }

    @Override
    public void close() {
        admin.close();
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded Kafka cluster", e);
        }
    }
}
