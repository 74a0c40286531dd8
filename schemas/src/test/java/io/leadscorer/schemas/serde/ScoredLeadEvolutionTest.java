package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * ScoredLead gained tier, percentile and reasons: a consumer built on the previous schema keeps reading the scores
 * (it skips the new fields), and the current consumer reads scores written before them (it sees their defaults).
 */
class ScoredLeadEvolutionTest {

    private static final String TOPIC = "mql.scores";

    /** ScoredLead as integrators generated it before tiers, percentiles and reasons. */
    static final String PREVIOUS_SCHEMA = """
            {
              "type": "record",
              "name": "ScoredLead",
              "namespace": "io.leadscorer.avro",
              "doc": "A lead's conversion probability as scored by one model bundle.",
              "fields": [
                {"name": "lead_id", "type": "string", "doc": "Identifier of the lead."},
                {"name": "probability", "type": "double", "doc": "Predicted probability that the lead converts (0 to 1)."},
                {"name": "label", "type": "boolean", "doc": "probability >= threshold."},
                {"name": "threshold", "type": "double", "doc": "Decision threshold of the model bundle."},
                {"name": "model_id", "type": "string", "doc": "Identifier of the model bundle that produced the score."},
                {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}, "doc": "Event time of the MQL event."},
                {"name": "scored_time", "type": {"type": "long", "logicalType": "timestamp-millis"}, "doc": "When the scorer produced this score."}
              ]
            }""";

    private static final Schema PREVIOUS = new Schema.Parser().parse(PREVIOUS_SCHEMA);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void aConsumerOnThePreviousSchemaReadsTheNewScores() {
        ScoredLead scored = TestRecords.scoredLead();
        assertThat(scored.getReasons()).isNotEmpty();
        byte[] wire = new AvroWireSerializer<ScoredLead>(registry).serialize(TOPIC, scored);

        PreviousScoredLead read = new AvroWireDeserializer<>(PreviousScoredLead.class, registry).deserialize(TOPIC, wire);

        assertThat(read.get(0).toString()).isEqualTo(scored.getLeadId());
        assertThat(read.get(1)).isEqualTo(scored.getProbability());
        assertThat(read.get(2)).isEqualTo(scored.getLabel());
        assertThat(read.get(3)).isEqualTo(scored.getThreshold());
        assertThat(read.get(4).toString()).isEqualTo(scored.getModelId());
        assertThat(read.get(5)).isEqualTo(scored.getEventTime().toEpochMilli());
        assertThat(read.get(6)).isEqualTo(scored.getScoredTime().toEpochMilli());
    }

    @Test
    void theCurrentConsumerReadsScoresWrittenBeforeTiersAndReasons() throws IOException {
        GenericRecord old = new GenericData.Record(PREVIOUS);
        old.put("lead_id", "lead-7");
        old.put("probability", 0.25);
        old.put("label", false);
        old.put("threshold", 0.4);
        old.put("model_id", "m-1");
        old.put("event_time", 1_000L);
        old.put("scored_time", 1_035L);

        ScoredLead read = new AvroWireDeserializer<>(ScoredLead.class, registry).deserialize(TOPIC, wireBytes(old));

        assertThat(read.getLeadId()).isEqualTo("lead-7");
        assertThat(read.getProbability()).isEqualTo(0.25);
        assertThat(read.getTier()).isNull();
        assertThat(read.getPercentile()).isNull();
        assertThat(read.getReasons()).isEmpty();
    }

    /**
     * Fully compatible both ways: the scorer, the producer, upgrades first, so what the output subject needs is
     * FORWARD (old readers, new writer); BACKWARD, the registry's default, holds as well, so a subject on either
     * (or FULL) accepts the new version.
     */
    @Test
    void theNewSchemaIsForwardAndBackwardCompatibleWithThePreviousOne() {
        Schema current = ScoredLead.getClassSchema();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(PREVIOUS, current).getType())
                .as("forward: the previous reader, the current writer").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, PREVIOUS).getType())
                .as("backward: the current reader, the previous writer").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void droppingTheDefaultsWouldBreakBackwardCompatibility() {
        Schema withoutDefaults = new Schema.Parser().parse(ScoredLead.getClassSchema().toString()
                .replace(",\"default\":null}", "}").replace(",\"default\":[]}", "}"));
        assertThat(withoutDefaults.getField("tier").hasDefaultValue()).isFalse();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withoutDefaults, PREVIOUS).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private byte[] wireBytes(GenericRecord record) throws IOException {
        int id = registry.register(TOPIC + "-value", PREVIOUS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(PREVIOUS).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /**
     * What Avro generates for {@link #PREVIOUS_SCHEMA}, reduced to its fields: the record class of a consumer that
     * has not regenerated. Its data model gives the previous schema for this class and creates this class for the
     * ScoredLead name (the current generated class holds that name on this class path).
     */
    public static final class PreviousScoredLead extends SpecificRecordBase {
        public static final Schema SCHEMA$ = PREVIOUS;
        public static final SpecificData MODEL$ = new SpecificData() {
            @Override
            public Schema getSchema(java.lang.reflect.Type type) {
                return type == PreviousScoredLead.class ? PREVIOUS : super.getSchema(type);
            }

            @Override
            public Object newRecord(Object old, Schema schema) {
                return schema.getFullName().equals(PREVIOUS.getFullName()) ? new PreviousScoredLead()
                        : super.newRecord(old, schema);
            }
        };

        private final Object[] values = new Object[PREVIOUS.getFields().size()];

        @Override
        public Schema getSchema() {
            return SCHEMA$;
        }

        @Override
        public Object get(int field) {
            return values[field];
        }

        @Override
        public void put(int field, Object value) {
            values[field] = value;
        }
    }
}
