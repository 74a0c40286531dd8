package io.leadscorer.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
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
 * A real Kafka cluster running inside the test JVM, built on Kafka's own test kit, so integration tests exercise the
 * real protocol, consumer groups and transactions without Docker: by default a single node (one combined KRaft
 * controller + broker) with replication settings lowered to fit it, or several brokers beside one controller with
 * replication factor 3 and min.insync.replicas 2 ({@link #start(int, Map)}), one of which can crash and come back. The
 * metadata version is the release's production one (the test kit would otherwise enable unreleased features).
 *
 * <p>The node can be stopped and started again ({@link #stopNode()}, {@link #startNode()}), as a broker process
 * restart: the same listener ports and the same log directories, so committed records, transaction state and
 * consumer offsets survive and clients reconnect to the address they know. The ports are fixed when the cluster is
 * built, chosen below the operating systems' ephemeral port ranges, so that no client's outgoing connection can
 * take one while the node is down.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0",
            "num.partitions", "1",
            "auto.create.topics.enable", "false");

    /** A stopped broker is gone at once, as after a crash; the controller notices within the session timeout. */
    private static final Map<String, String> MULTI_BROKER_PROPERTIES = Map.of(
            "controlled.shutdown.enable", "false",
            "broker.session.timeout.ms", "4000",
            "broker.heartbeat.interval.ms", "500",
            "replica.lag.time.max.ms", "5000");

    /** Below Linux's (32768-60999), Windows' and macOS' (49152-65535) ephemeral ports. */
    private static final int FIRST_FIXED_PORT = 20_000;
    private static final int FIXED_PORTS = 12_000;
    private static final int START_ATTEMPTS = 3;

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Admin admin;
    private final short replicationFactor;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, short replicationFactor) {
        this.cluster = cluster;
        this.replicationFactor = replicationFactor;
        this.bootstrapServers = cluster.bootstrapServers();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Formats, starts and waits for the broker; the caller closes it. */
    public static EmbeddedKafkaCluster start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with further broker settings (e.g. shorter transaction clean-up for fault tests). */
    public static EmbeddedKafkaCluster start(Map<String, String> brokerProperties) {
        return start(1, brokerProperties);
    }

    /**
     * A cluster of {@code brokers} brokers beside one controller of their own, so that any broker can be stopped
     * ({@link #stopBroker(int)}) while the controller and the other brokers stay up. With three or more, every topic
     * this class creates and the internal ones (consumer offsets, transaction state) have replication factor 3 and
     * min.insync.replicas 2, the broker default for other topics too: one broker can be down and producers with
     * acks=all, transactions included, go on. The brokers have no controlled shutdown, so a stopped broker vanishes as
     * a crashed one does and the controller fences it when its session times out (broker.session.timeout.ms, 4 s
     * here). With one broker this is {@link #start(Map)}: a single combined node, replication factor 1.
     */
    public static EmbeddedKafkaCluster start(int brokers, Map<String, String> brokerProperties) {
        if (brokers < 1) {
            throw new IllegalArgumentException("At least one broker: " + brokers);
        }
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                // one port per broker listener and one for the controller
                int[] ports = distinctFreeFixedPorts(brokers + 1);
                if (ports != null) {
                    return start(brokers, brokerProperties, ports);
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
        throw failure != null ? failure : new IllegalStateException("No distinct free ports found");
    }

    private static EmbeddedKafkaCluster start(int brokers, Map<String, String> brokerProperties, int[] ports) {
        KafkaClusterTestKit cluster = null;
        int controllerPort = ports[brokers];
        short replicationFactor = (short) Math.min(3, brokers);
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(brokers == 1)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1);
            Map<Integer, Map<String, String>> perNode = new HashMap<>();
            if (brokers == 1) {
                perNode.put(0, Map.of("listeners", "EXTERNAL://localhost:" + ports[0] + ",CONTROLLER://localhost:"
                        + controllerPort));
            } else {
                for (int broker = 0; broker < brokers; broker++) {
                    perNode.put(TestKitNodes.BROKER_ID_OFFSET + broker,
                            Map.of("listeners", "EXTERNAL://localhost:" + ports[broker]));
                }
                perNode.put(TestKitNodes.CONTROLLER_ID_OFFSET, Map.of("listeners", "CONTROLLER://localhost:" + controllerPort));
            }
            nodes.setPerServerProperties(perNode);
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build());
            BROKER_PROPERTIES.forEach(builder::setConfigProp);
            replicationProperties(replicationFactor).forEach(builder::setConfigProp);
            if (brokers > 1) {
                MULTI_BROKER_PROPERTIES.forEach(builder::setConfigProp);
            }
            brokerProperties.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaCluster(cluster, replicationFactor);
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

    private static Map<String, String> replicationProperties(short replicationFactor) {
        String factor = Short.toString(replicationFactor);
        String minIsr = Integer.toString(Math.max(1, replicationFactor - 1));
        return Map.of(
                "default.replication.factor", factor,
                "min.insync.replicas", minIsr,
                "offsets.topic.replication.factor", factor,
                "transaction.state.log.replication.factor", factor,
                "transaction.state.log.min.isr", minIsr);
    }

    /** {@code count} distinct free ports, or null when two choices collided (the caller chooses again). */
    private static int[] distinctFreeFixedPorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = freeFixedPort();
            for (int j = 0; j < i; j++) {
                if (ports[j] == ports[i]) {
                    return null;
                }
            }
        }
        return ports;
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

    /** The brokers' addresses, comma-separated; the same before and after a restart. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How many brokers the cluster has; their ids are 0 to this less one. */
    public int brokers() {
        return cluster.brokers().size();
    }

    /** The replication factor of the topics this class creates: 1 with one broker, 3 with three or more. */
    public short replicationFactor() {
        return replicationFactor;
    }

    /**
     * Stops one broker of a cluster of several, as a crash does: no controlled shutdown, its listener closes at once
     * and the controller fences it once its session times out; partitions it led move to in-sync followers then.
     * The controller and the other brokers stay up; the log directories stay.
     */
    public void stopBroker(int id) {
        requireSeveralBrokers();
        broker(id).shutdown();
    }

    /**
     * Starts a stopped broker again on its port and log directories and returns once the controller has it unfenced;
     * it catches up on its partitions as a follower afterwards ({@link #awaitFullIsr(String)}).
     */
    public void startBroker(int id) {
        requireSeveralBrokers();
        try {
            broker(id).startup();
            cluster.waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Broker " + id + " did not become ready after a restart", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted restarting broker " + id, e);
        }
    }

    /**
     * The broker (0 to {@link #brokers()} less one) that leads a partition now, e.g. of {@code __transaction_state},
     * whose leader is the transaction coordinator of every transactional producer when it has one partition.
     */
    public int leaderOf(String topic, int partition) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS)
                    .get(topic);
            return description.partitions().get(partition).leader().id() - TestKitNodes.BROKER_ID_OFFSET;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted describing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe " + topic, e);
        }
    }

    /** Waits until every partition of the topic has all its replicas in sync again, e.g. after {@link #startBroker}. */
    public void awaitFullIsr(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    if (description.partitions().stream().allMatch(p -> p.isr().size() == p.replicas().size())) {
                        return;
                    }
                } catch (ExecutionException retriable) {
                    // a broker is still coming up; ask again
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the replicas of " + topic, e);
        }
        throw new IllegalStateException("Topic " + topic + " has replicas out of sync after 60 s");
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = cluster.brokers().get(TestKitNodes.BROKER_ID_OFFSET + id);
        if (broker == null) {
            throw new IllegalArgumentException("No broker " + id + "; brokers are 0 to " + (brokers() - 1));
        }
        return broker;
    }

    private void requireSeveralBrokers() {
        if (brokers() < 2) {
            throw new IllegalStateException("One broker only: stop the whole node with stopNode()");
        }
    }

    /**
     * Stops the node as a broker process shutdown does (the broker first, with a controlled shutdown, then its
     * controller); its listeners close and clients see connections refused. The log directories stay. With several
     * brokers, all of them and the controller stop.
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

    /** Creates a topic ({@link #replicationFactor()}) and waits until its partitions have a leader. */
    public void createTopic(String name, int partitions) {
        create(new NewTopic(name, partitions, replicationFactor));
    }

    /** Creates a log-compacted topic ({@link #replicationFactor()}), e.g. for the model control topic. */
    public void createCompactedTopic(String name, int partitions) {
        create(new NewTopic(name, partitions, replicationFactor)
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
