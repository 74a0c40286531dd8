package io.leadscorer.sandbox.demo;

import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The Kafka broker and Schema Registry the demo runs against: started in this JVM (a KRaft broker on a free
 * localhost port, the registry over HTTP on another) with the demo's topics created, or existing ones given by
 * address, where missing topics are created.
 */
public final class Infrastructure implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private final EmbeddedKafkaCluster kafka;
    private final HttpSchemaRegistryServer registry;

    private Infrastructure(String bootstrapServers, String registryUrl, EmbeddedKafkaCluster kafka,
                           HttpSchemaRegistryServer registry) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Embedded broker and registry unless addresses are given; either way the topics exist afterwards. */
    public static Infrastructure start(String bootstrap, String registryUrl, DemoTopics topics) {
        EmbeddedKafkaCluster kafka = null;
        HttpSchemaRegistryServer registry = null;
        try {
            if (bootstrap == null) {
                kafka = EmbeddedKafkaCluster.start();
                bootstrap = kafka.bootstrapServers();
            }
            if (registryUrl == null) {
                registry = HttpSchemaRegistryServer.start();
                registryUrl = registry.url();
            }
            createMissingTopics(bootstrap, topics);
            return new Infrastructure(bootstrap, registryUrl, kafka, registry);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    private static void createMissingTopics(String bootstrap, DemoTopics topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            List<NewTopic> wanted = List.of(
                    new NewTopic(topics.input(), topics.partitions(), (short) 1),
                    new NewTopic(topics.scores(), topics.partitions(), (short) 1),
                    new NewTopic(topics.shadowScores(), topics.partitions(), (short) 1),
                    new NewTopic(topics.deadLetters(), 1, (short) 1),
                    new NewTopic(topics.control(), 1, (short) 1).configs(compacted),
                    new NewTopic(topics.status(), 1, (short) 1),
                    new NewTopic(topics.outcomes(), topics.partitions(), (short) 1),
                    new NewTopic(topics.quality(), 1, (short) 1).configs(compacted),
                    new NewTopic(topics.outcomeDeadLetters(), 1, (short) 1));
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating the demo's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the demo's topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** {@code localhost:PORT} of the broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code http://localhost:PORT} of the registry. */
    public String registryUrl() {
        return registryUrl;
    }

    public boolean embedded() {
        return kafka != null;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
