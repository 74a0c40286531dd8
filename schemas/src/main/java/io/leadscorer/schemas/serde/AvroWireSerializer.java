package io.leadscorer.schemas.serde;

import io.leadscorer.schemas.registry.SchemaRegistries;
import io.leadscorer.schemas.registry.SchemaRegistryClient;
import io.leadscorer.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of generated Avro records in the Confluent wire format. The record's schema is
 * registered under {@code <topic>-value} (or {@code -key}) on first use, or only looked up when
 * {@code auto.register.schemas=false}; the registry client caches the id. Null data gives null bytes. A registry
 * that does not answer gives {@link RegistryUnavailableException}, one that refuses the schema
 * {@link SchemaRejectedException}.
 */
public class AvroWireSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka, which instantiates by class name and then calls {@link #configure}. */
    public AvroWireSerializer() {
    }

    /** Uses this registry; usable without {@link #configure} as a value serializer that registers schemas. */
    public AvroWireSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object autoRegisterSetting = configs.get(AvroWireSerdeConfig.AUTO_REGISTER_SCHEMAS);
        this.autoRegister = autoRegisterSetting == null || Boolean.parseBoolean(autoRegisterSetting.toString().trim());
        if (registry == null) {
            registry = SchemaRegistries.fromConfig(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroWireSerializer used before configure() and without a registry client");
        }
        Schema schema = data.getSchema();
        String subject = WireFormat.subject(topic, isKey);
        int id;
        try {
            id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw RegistryFailures.toSerializationException((autoRegister ? "registering " : "looking up ")
                    + schema.getFullName() + " under subject " + subject, subject, e);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(WireFormat.header(id));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(data).write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<T> writerFor(T data) {
        return writers.computeIfAbsent(data.getSchema(),
                schema -> new SpecificDatumWriter<>(schema, SpecificData.getForClass((Class<T>) data.getClass())));
    }
}
