package io.leadscorer.monitor.cli;

import io.leadscorer.avro.ModelQuality;
import io.leadscorer.schemas.registry.SchemaRegistries;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the quality topic from its start to its current end (committed records only, no consumer group) and keeps
 * the latest record of every key: what the monitor last said of each model and window.
 */
final class QualityReader {

    private QualityReader() {
    }

    static Map<String, ModelQuality> latest(Map<String, Object> clientSettings, Map<String, Object> serdeSettings,
                                            String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lead-scorer-quality");
        AvroWireDeserializer<ModelQuality> reader = new AvroWireDeserializer<>(ModelQuality.class,
                SchemaRegistries.fromConfig(serdeSettings));
        Map<String, ModelQuality> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.value() != null) {
                        latest.put(record.key(), reader.deserialize(topic, record.headers(), record.value()));
                    }
                }
            }
        }
        return latest;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        Set<TopicPartition> behind = end.entrySet().stream()
                .filter(e -> consumer.position(e.getKey()) < e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return behind.isEmpty();
    }
}
