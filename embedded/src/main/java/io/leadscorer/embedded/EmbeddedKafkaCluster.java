package io.leadscorer.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka cluster (one combined KRaft controller + broker) running inside the test JVM,
 * built on Kafka's own test kit, so integration tests exercise the real protocol, consumer groups and
 * transactions without Docker. Replication settings are lowered to fit one node; the metadata version is
 * the release's production one (the test kit would otherwise enable unreleased features).
 *
 * <p>The node can be stopped and started again ({@link #stopNode()}, {@link #startNode()}), as a broker process
 * restart: the same listener ports and the same log directories, so committed records, transaction state and
 * consumer offsets survive and clients reconnect to the address they know. The ports are fixed when the cluster is
 * built, chosen below the operating systems' ephemeral port ranges, so that no client's outgoing connection can
 * take one while the node is down.
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

    /** Below Linux's (32768-60999), Windows' and macOS' (49152-65535) ephemeral ports. */
    private static final int FIRST_FIXED_PORT = 20_000;
    private static final int FIXED_PORTS = 12_000;
    private static final int START_ATTEMPTS = 3;

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Admin admin;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Formats, starts and waits for the broker; the caller closes it. */
    public static EmbeddedKafkaCluster start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with further broker settings (e.g. shorter transaction clean-up for fault tests). */
    public static EmbeddedKafkaCluster start(Map<String, String> brokerProperties) {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                int brokerPort = freeFixedPort();
                int controllerPort = freeFixedPort();
                if (controllerPort != brokerPort) {
                    return start(brokerProperties, brokerPort, controllerPort);
                }
            } catch (IllegalStateException e) {
                // most likely a chosen port was taken between the check and the bind: choose again
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    private static EmbeddedKafkaCluster start(Map<String, String> brokerProperties, int brokerPort, int controllerPort) {
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
            builder.setConfigProp("listeners", "EXTERNAL://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
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

    /** A port nothing listens on now, below the ephemeral ranges; a race with another process is retried by the caller. */
    private static int freeFixedPort() {
        for (int tries = 0; tries < 100; tries++) {
            int port = FIRST_FIXED_PORT + ThreadLocalRandom.current().nextInt(FIXED_PORTS);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("No free port found between " + FIRST_FIXED_PORT + " and "
                + (FIRST_FIXED_PORT + FIXED_PORTS));
    }

    /** The broker's address; the same before and after a restart. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the node as a broker process shutdown does (the broker first, with a controlled shutdown, then its
     * controller); its listeners close and clients see connections refused. The log directories stay.
     */
    public void stopNode() {
        cluster.brokers().values().forEach(broker -> broker.shutdown());
        cluster.controllers().values().forEach(controller -> controller.shutdown());
    }

    /**
     * Starts a stopped node again on the same ports and log directories (controller first, as the server does) and
     * returns once the broker has registered and serves requests.
     */
    public void startNode() {
        try {
            cluster.controllers().values().forEach(controller -> {
                // the stopped shared server closed its metrics, and the controller's socket server needs them before
                // the shared server starts again (what Kafka's own KRaftClusterTest does to restart a controller)
                controller.sharedServer().metrics_$eq(new Metrics());
                controller.startup();
            });
            cluster.brokers().values().forEach(broker -> broker.startup());
            cluster.waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The embedded Kafka node did not become ready after a restart", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted restarting the embedded Kafka node", e);
        }
        if (!cluster.bootstrapServers().equals(bootstrapServers)) {
            throw new IllegalStateException("The restarted broker listens on " + cluster.bootstrapServers()
                    + ", not on " + bootstrapServers);
        }
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
