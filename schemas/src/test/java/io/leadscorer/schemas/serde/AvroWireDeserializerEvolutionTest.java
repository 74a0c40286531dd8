package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Producers on another version of a contract: the reader resolves the writer's registered schema against
 * the generated one, so a producer may add an optional field (the reader ignores it) or drop one (the
 * reader sees its default).
 */
class AvroWireDeserializerEvolutionTest {

    private static final String TOPIC = "lead-scorer.status";

    /** A newer producer: ModelStatus plus an optional {@code host} field placed before the last field. */
    private static final Schema WITH_EXTRA_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "ModelStatus", "namespace": "io.leadscorer.avro", "fields": [
              {"name": "instance", "type": "string"},
              {"name": "model_id", "type": "string"},
              {"name": "state", "type": {"type": "enum", "name": "ModelState", "symbols": ["LOADING", "ACTIVE", "REJECTED"]}},
              {"name": "reason", "type": ["null", "string"], "default": null},
              {"name": "host", "type": ["null", "string"], "default": null},
              {"name": "time", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    /** An older producer: ModelStatus without the optional {@code reason} field. */
    private static final Schema WITHOUT_OPTIONAL_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "ModelStatus", "namespace": "io.leadscorer.avro", "fields": [
              {"name": "instance", "type": "string"},
              {"name": "model_id", "type": "string"},
              {"name": "state", "type": {"type": "enum", "name": "ModelState", "symbols": ["LOADING", "ACTIVE", "REJECTED"]}},
              {"name": "time", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroWireDeserializer<ModelStatus> deserializer = new AvroWireDeserializer<>(ModelStatus.class, registry);

    @Test
    void readsARecordWhoseProducerAddedAnOptionalField() throws IOException {
        GenericRecord written = new GenericData.Record(WITH_EXTRA_FIELD);
        written.put("instance", "scorer-1");
        written.put("model_id", "m-2");
        written.put("state", new GenericData.EnumSymbol(WITH_EXTRA_FIELD.getField("state").schema(), "ACTIVE"));
        written.put("reason", "warmed up");
        written.put("host", "node-7.example");
        written.put("time", 1_764_050_400_123L);

        ModelStatus read = deserializer.deserialize(TOPIC, wireBytes(WITH_EXTRA_FIELD, written));

        assertThat(read).isEqualTo(ModelStatus.newBuilder().setInstance("scorer-1").setModelId("m-2")
                .setState(ModelState.ACTIVE).setReason("warmed up").setTime(Instant.ofEpochMilli(1_764_050_400_123L)).build());
    }

    @Test
    void readsARecordWhoseProducerDroppedAnOptionalField() throws IOException {
        GenericRecord written = new GenericData.Record(WITHOUT_OPTIONAL_FIELD);
        written.put("instance", "scorer-0");
        written.put("model_id", "m-1");
        written.put("state", new GenericData.EnumSymbol(WITHOUT_OPTIONAL_FIELD.getField("state").schema(), "LOADING"));
        written.put("time", 42L);

        ModelStatus read = deserializer.deserialize(TOPIC, wireBytes(WITHOUT_OPTIONAL_FIELD, written));

        assertThat(read.getReason()).isNull();
        assertThat(read).isEqualTo(ModelStatus.newBuilder().setInstance("scorer-0").setModelId("m-1")
                .setState(ModelState.LOADING).setTime(Instant.ofEpochMilli(42)).build());
    }

    @Test
    void readsCurrentAndOlderProducersInterleaved() throws IOException {
        byte[] current = new AvroWireSerializer<ModelStatus>(registry).serialize(TOPIC, TestRecords.modelStatus());
        GenericRecord old = new GenericData.Record(WITHOUT_OPTIONAL_FIELD);
        old.put("instance", "scorer-0");
        old.put("model_id", "m-1");
        old.put("state", new GenericData.EnumSymbol(WITHOUT_OPTIONAL_FIELD.getField("state").schema(), "REJECTED"));
        old.put("time", 7L);
        byte[] older = wireBytes(WITHOUT_OPTIONAL_FIELD, old);

        assertThat(deserializer.deserialize(TOPIC, older).getState()).isEqualTo(ModelState.REJECTED);
        assertThat(deserializer.deserialize(TOPIC, current)).isEqualTo(TestRecords.modelStatus());
        assertThat(deserializer.deserialize(TOPIC, older).getTime()).isEqualTo(Instant.ofEpochMilli(7));
        assertThat(registry.versions(TOPIC + "-value")).containsExactly(ModelStatus.getClassSchema(), WITHOUT_OPTIONAL_FIELD);
    }

    /** What a producer on {@code writer} sends: the schema registered under the topic's subject, then the frame. */
    private byte[] wireBytes(Schema writer, GenericRecord record) throws IOException {
        int id = registry.register(TOPIC + "-value", writer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
