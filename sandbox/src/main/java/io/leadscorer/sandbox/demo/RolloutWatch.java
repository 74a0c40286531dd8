package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the control topic as `status` does (committed records only) and keeps every command of the demo's
 * deployment in the order written: the demo's own and the monitor's automatic decisions, with their evidence.
 */
final class RolloutWatch implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroWireDeserializer<ModelCommand> reader = new AvroWireDeserializer<>(ModelCommand.class);
    private final String topic;
    private final String deployment;
    private final List<ModelCommand> commands = new ArrayList<>();
    private volatile boolean closed;

    RolloutWatch(String bootstrap, String registryUrl, String topic, String deployment) {
        this.topic = topic;
        this.deployment = deployment;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "lead-scorer-demo-rollouts"),
                new StringDeserializer(), new ByteArrayDeserializer());
        reader.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (deployment.equals(record.key()) && record.value() != null) {
                        ModelCommand command = reader.deserialize(topic, record.headers(), record.value());
                        synchronized (commands) {
                            commands.add(command);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** Every command of the deployment read so far, in the order written. */
    List<ModelCommand> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** The newest command: what the fleet serves now. */
    Optional<ModelCommand> latest() {
        synchronized (commands) {
            return commands.stream().reduce((a, b) -> b.getSequence() >= a.getSequence() ? b : a);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
