package io.leadscorer.schemas.serde;

import io.leadscorer.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka Streams serde of one generated Avro record class in the Confluent wire format: an
 * {@link AvroWireSerializer} and an {@link AvroWireDeserializer} configured alike. A drop-in for
 * Confluent's {@code SpecificAvroSerde}, configured by the same settings.
 */
public class AvroWireSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroWireSerializer<T> serializer;
    private final AvroWireDeserializer<T> deserializer;

    /** For Kafka: the record class comes from {@code specific.avro.value.type} / {@code specific.avro.key.type}. */
    public AvroWireSerde() {
        this(new AvroWireSerializer<>(), new AvroWireDeserializer<>());
    }

    public AvroWireSerde(Class<T> type) {
        this(new AvroWireSerializer<>(), new AvroWireDeserializer<>(type));
    }

    /** With this registry; usable without {@link #configure} as a value serde that registers schemas. */
    public AvroWireSerde(Class<T> type, SchemaRegistryClient registry) {
        this(new AvroWireSerializer<>(registry), new AvroWireDeserializer<>(type, registry));
    }

    private AvroWireSerde(AvroWireSerializer<T> serializer, AvroWireDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** A configured serde for {@code type}: {@code config} holds the registry and serde settings. */
    public static <T extends SpecificRecord> AvroWireSerde<T> of(Class<T> type, Map<String, ?> config, boolean isKey) {
        AvroWireSerde<T> serde = new AvroWireSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
