package io.leadscorer.trainer.publish;

import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerdeConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.trainer.config.PublishSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka client settings of the operator commands, all from one {@link PublishSettings}: the producer of control
 * commands and the group-less consumers that read the control and status topics, each with the Avro wire-format serde
 * and whatever TLS, SASL or registry properties were given.
 */
final class ControlClients {

    private ControlClients() {
    }

    static Map<String, Object> producer(PublishSettings settings) {
        Map<String, Object> config = common(settings);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroWireSerializer.class.getName());
        config.putIfAbsent(AvroWireSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lead-scorer-operator");
        return config;
    }

    /** A consumer that is assigned partitions by hand: no group, no commits, from the beginning. */
    static Map<String, Object> reader(PublishSettings settings, Class<?> valueType) {
        Map<String, Object> config = common(settings);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroWireDeserializer.class.getName());
        config.put(AvroWireSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, valueType.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "lead-scorer-operator");
        return config;
    }

    private static Map<String, Object> common(PublishSettings settings) {
        if (settings.bootstrap() == null || settings.bootstrap().isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers (--bootstrap HOST:PORT)");
        }
        if (settings.registryUrl() == null || settings.registryUrl().isBlank()) {
            throw new IllegalArgumentException("no Schema Registry URL (--registry URL)");
        }
        Map<String, Object> config = new HashMap<>(settings.extraProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(SchemaRegistryConfig.URL, settings.registryUrl());
        return config;
    }
}
