package io.leadscorer.schemas.serde;

import io.leadscorer.schemas.registry.SchemaRegistries;
import io.leadscorer.schemas.registry.SchemaRegistryClient;
import io.leadscorer.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of Confluent wire-format Avro into a generated record class. The writer's schema is
 * fetched by id from the registry (cached) and resolved against the class's schema, so producers may
 * add or drop optional fields. Any bad input (not wire format, unknown id, unresolvable schema, malformed,
 * truncated or over-long payload, a writer schema Avro cannot use) ends in a {@link SerializationException}
 * naming the problem, never another exception type, so that a stream can route the record to a dead-letter
 * topic; a registry that did not answer ends in its subclass {@link RegistryUnavailableException}. Decoding
 * does work bounded by the payload's size ({@link BoundedDecoder}).
 */
public class AvroWireDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private RecordType<T> type;
    private SchemaRegistryClient registry;
    private final Map<Integer, WriterResolution<T>> resolutions = new ConcurrentHashMap<>();

    /** For Kafka: the record class comes from {@code specific.avro.value.type} / {@code specific.avro.key.type}. */
    public AvroWireDeserializer() {
    }

    /** Reads into {@code type}; the registry comes from {@link #configure}. */
    public AvroWireDeserializer(Class<T> type) {
        this.type = RecordType.of(type);
    }

    /** Reads into {@code type} with this registry; usable without {@link #configure}. */
    public AvroWireDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type == null) {
            type = RecordType.fromConfig(configs, isKey);
        }
        if (registry == null) {
            registry = SchemaRegistries.fromConfig(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (type == null || registry == null) {
            throw new IllegalStateException("AvroWireDeserializer used before configure() and without a record type and registry");
        }
        String where = "topic " + topic + ", " + data.length + " bytes";
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Too short for Confluent wire format: need at least "
                    + WireFormat.HEADER_SIZE + " bytes (magic byte and schema id) (" + where + ")");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x: not Confluent wire format (%s)", data[0] & 0xff, where));
        }
        int schemaId = WireFormat.schemaId(data);
        SpecificDatumReader<T> reader = resolve(schemaId, where).readerOrThrow();
        return decode(reader, data, "writer schema id " + schemaId + ", " + where);
    }

    private WriterResolution<T> resolve(int schemaId, String where) {
        WriterResolution<T> cached = resolutions.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.byId(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException("Unknown schema id " + schemaId + " (" + where + "): " + e.getMessage(), e);
            }
            throw RegistryFailures.toSerializationException("fetching writer schema id " + schemaId + " (" + where + ")", e);
        }
        WriterResolution<T> resolution;
        try {
            resolution = WriterResolution.of(schemaId, writer, type);
        } catch (RuntimeException | StackOverflowError e) {
            // Avro type or default errors in the writer's schema, bad logical types, absurd nesting: the schema
            // the registry returned cannot be read, so every record written with it is undecodable.
            resolution = WriterResolution.unusable("Writer schema id " + schemaId + " (" + writer.getFullName()
                    + ") cannot be used to read " + type.name() + ": " + e);
        }
        resolutions.putIfAbsent(schemaId, resolution);
        return resolution;
    }

    private T decode(SpecificDatumReader<T> reader, byte[] data, String where) {
        BoundedDecoder decoder = new BoundedDecoder(DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null));
        T record;
        int unread;
        try {
            record = reader.read(null, decoder);
            unread = decoder.remaining();
        } catch (EOFException e) {
            throw new SerializationException("Truncated payload: input ended before the " + type.name()
                    + " record was complete (" + where + ")" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Malformed Avro payload for " + type.name() + " (" + where + "): " + e, e);
        } catch (StackOverflowError e) {
            // A recursive writer schema lets each byte open one more nested record.
            throw new SerializationException("Avro payload nested too deeply for " + type.name() + " (" + where + ")", e);
        }
        if (unread > 0) {
            throw new SerializationException("Trailing garbage: " + unread + " bytes left after the " + type.name()
                    + " record (" + where + ")");
        }
        return record;
    }
}
