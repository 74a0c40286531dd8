package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the monitor's quality topic as a sales-ops dashboard would (committed records only) and keeps each model's
 * latest cumulative figures, for the live view and the summary.
 */
final class LiveQuality implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroWireDeserializer<ModelQuality> reader = new AvroWireDeserializer<>(ModelQuality.class);
    private final String topic;
    private final Map<String, ModelQuality> byModel = new ConcurrentHashMap<>();
    private volatile boolean closed;

    LiveQuality(String bootstrap, String registryUrl, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "lead-scorer-demo-quality"),
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
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ModelQuality quality = record.value() == null ? null
                            : reader.deserialize(topic, record.headers(), record.value());
                    if (quality != null && quality.getScope() == QualityScope.CUMULATIVE) {
                        byModel.put(quality.getModelId(), quality);
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

    /** Each model's latest cumulative figures. */
    Map<String, ModelQuality> byModel() {
        return Map.copyOf(byModel);
    }

    /** Labels over every model: a lead scored live and in shadow is labelled once for each model that scored it. */
    long labelled() {
        return byModel.values().stream().mapToLong(ModelQuality::getLabelled).sum();
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
