package io.leadscorer.simulator.produce;

import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka producers of the simulator: string keys, Avro values in the Confluent wire format through
 * {@link AvroWireSerializer}, acknowledged by all replicas. One place for the settings the event and outcome
 * producers share, so both reach the same broker and registry the same way.
 */
final class AvroProducers {

    private AvroProducers() {
    }

    /**
     * {@code settings} may carry producer settings (security, batching) and serde settings (registry auth, TLS,
     * {@code auto.register.schemas}); each goes where it is understood.
     */
    static <V extends SpecificRecord> Producer<String, V> create(String clientId, String bootstrapServers,
                                                                 String registryUrl, Map<String, String> settings) {
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        Map<String, Object> serdeConfig = new HashMap<>(settings);
        serdeConfig.put(SchemaRegistryConfig.URL, registryUrl);
        settings.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                producerConfig.put(key, value);
            }
        });
        AvroWireSerializer<V> values = new AvroWireSerializer<>();
        values.configure(serdeConfig, false);
        return new KafkaProducer<>(producerConfig, new StringSerializer(), values);
    }
}
