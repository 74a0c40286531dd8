package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The deserializer against many generated writer schemas, not one: MqlEvent as a producer might evolve it, with
 * extra fields the reader skips (nested records, arrays, maps, unions, enums, fixed, logical types, recursion) and
 * optional fields dropped. Valid payloads must decode to the same lead; random and mutated payloads, and crafted
 * length and count prefixes, must end in a record or a SerializationException, never another exception, an error
 * or work out of proportion to the payload (the item budget of {@link BoundedDecoder} turns those into rejections).
 */
class WriterSchemaFuzzTest {

    private static final String TOPIC = "mql.events";
    private static final int SCHEMAS = 300;
    private static final int MUTATIONS_PER_SCHEMA = 60;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroWireDeserializer<MqlEvent> deserializer = new AvroWireDeserializer<>(MqlEvent.class, registry);

    @Test
    void generatedWriterSchemasDecodeValidPayloadsAndRejectMutatedOnesWithASerializationException() throws IOException {
        Random random = new Random(20261202);
        int decoded = 0;
        int rejected = 0;
        for (int s = 0; s < SCHEMAS; s++) {
            SchemaGenerator generator = new SchemaGenerator(random, s);
            Schema writer = generator.evolvedMqlEvent();
            int id = registry.register("fuzz-" + s + "-value", writer);
            GenericRecord record = new DataGenerator(random).record(writer);
            byte[] valid = wire(id, writer, record);

            MqlEvent event = deserializer.deserialize(TOPIC, valid);
            assertThat(event.getLeadId()).as("schema %s", writer).isEqualTo(record.get("lead_id").toString());

            for (int m = 0; m < MUTATIONS_PER_SCHEMA; m++) {
                byte[] input = mutate(valid, random);
                try {
                    assertThat(deserializer.deserialize(TOPIC, input)).isNotNull();
                    decoded++;
                } catch (SerializationException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                    rejected++;
                } catch (RuntimeException | Error other) {
                    fail("schema " + writer + ", input " + Arrays.toString(input) + " threw " + other, other);
                }
            }
        }
        assertThat(decoded + rejected).isEqualTo(SCHEMAS * MUTATIONS_PER_SCHEMA);
        assertThat(rejected).as("most mutations break the payload").isGreaterThan(decoded);
    }

    @Test
    void aHugeCountOfZeroByteItemsInASkippedArrayIsRejectedNotLoopedOver() throws IOException {
        Schema writer = withExtraField("nulls", Schema.createArray(Schema.create(Schema.Type.NULL)));
        int id = registry.register("nulls-value", writer);
        byte[] valid = wire(id, writer, new DataGenerator(new Random(1)).record(writer));
        // The extra field is last: replace its encoded empty array (a single 0) by blocks of 2^62 nulls.
        ByteArrayOutputStream crafted = new ByteArrayOutputStream();
        crafted.write(valid, 0, valid.length - 1);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(crafted, null);
        for (int block = 0; block < 4; block++) {
            encoder.writeLong(1L << 62);
        }
        encoder.writeLong(0);
        encoder.flush();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, crafted.toByteArray()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("budget");
    }

    @Test
    void manySmallBlocksOfNullsCannotAddUpToMoreItemsThanBytes() throws IOException {
        Schema writer = withExtraField("nulls", Schema.createArray(Schema.create(Schema.Type.NULL)));
        int id = registry.register("null-blocks-value", writer);
        byte[] valid = wire(id, writer, new DataGenerator(new Random(2)).record(writer));
        ByteArrayOutputStream crafted = new ByteArrayOutputStream();
        crafted.write(valid, 0, valid.length - 1);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(crafted, null);
        for (int block = 0; block < 2000; block++) {
            encoder.writeLong(60); // one byte each, each just under the bytes left on its own
        }
        encoder.writeLong(0);
        encoder.flush();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, crafted.toByteArray()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("budget");
    }

    @Test
    void aSkippedBlockWhoseByteSizeRunsPastTheEndIsRejected() throws IOException {
        Schema writer = withExtraField("longs", Schema.createArray(Schema.create(Schema.Type.LONG)));
        int id = registry.register("sized-value", writer);
        byte[] valid = wire(id, writer, new DataGenerator(new Random(3)).record(writer));
        ByteArrayOutputStream crafted = new ByteArrayOutputStream();
        crafted.write(valid, 0, valid.length - 1);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(crafted, null);
        encoder.writeLong(-3); // three items, with a byte size
        encoder.writeLong(Integer.MAX_VALUE);
        encoder.flush();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, crafted.toByteArray()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("exceeds");
    }

    @Test
    void arbitrarilyDeepRecursionInASkippedFieldIsASerializationExceptionNotAStackOverflow() throws IOException {
        Schema node = Schema.createRecord("Node", null, "fuzz", false);
        node.setFields(List.of(new Schema.Field("next", Schema.createUnion(Schema.create(Schema.Type.NULL), node),
                null, Schema.Field.NULL_DEFAULT_VALUE)));
        Schema writer = withExtraField("chain", node);
        int id = registry.register("chain-value", writer);
        byte[] valid = wire(id, writer, new DataGenerator(new Random(4)).record(writer));
        byte[] deep = Arrays.copyOf(valid, valid.length - 1 + 200_000);
        Arrays.fill(deep, valid.length - 1, deep.length - 1, (byte) 2); // union branch 1: one more Node
        deep[deep.length - 1] = 0;

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, deep)).isInstanceOf(SerializationException.class);
    }

    private static Schema withExtraField(String name, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : MqlEvent.getClassSchema().getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field(name, type));
        return Schema.createRecord("MqlEvent", null, "io.leadscorer.avro", false, fields);
    }

    private static byte[] wire(int id, Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        new GenericDatumWriter<GenericRecord>(writer, data).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] input = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    input[5 + random.nextInt(input.length - 5)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> input = Arrays.copyOf(input, 5 + random.nextInt(input.length - 5));
            case 2 -> {
                // a large varint (length or count prefix) spliced in at a random place
                int at = 5 + random.nextInt(input.length - 5);
                byte[] varint = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) (random.nextInt(15) + 1)};
                byte[] spliced = new byte[input.length + varint.length];
                System.arraycopy(input, 0, spliced, 0, at);
                System.arraycopy(varint, 0, spliced, at, varint.length);
                System.arraycopy(input, at, spliced, at + varint.length, input.length - at);
                input = spliced;
            }
            case 3 -> {
                int from = input.length;
                input = Arrays.copyOf(input, input.length + 1 + random.nextInt(16));
                for (int at = from; at < input.length; at++) {
                    input[at] = (byte) random.nextInt(256);
                }
            }
            default -> {
                byte[] tail = new byte[random.nextInt(valid.length)];
                random.nextBytes(tail);
                input = Arrays.copyOf(valid, 5 + tail.length);
                System.arraycopy(tail, 0, input, 5, tail.length);
            }
        }
        return input;
    }

    /** Random writer schemas: MqlEvent with optional fields dropped and random extra fields added. */
    private static final class SchemaGenerator {

        private final Random random;
        private final int index;
        private int names;

        SchemaGenerator(Random random, int index) {
            this.random = random;
            this.index = index;
        }

        Schema evolvedMqlEvent() {
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field field : MqlEvent.getClassSchema().getFields()) {
                if (field.hasDefaultValue() && random.nextInt(4) == 0) {
                    continue; // a producer that no longer writes this optional field
                }
                fields.add(new Schema.Field(field, field.schema()));
            }
            for (int extra = random.nextInt(5); extra > 0; extra--) {
                fields.add(random.nextInt(fields.size() + 1),
                        new Schema.Field("extra_" + names++, type(3)));
            }
            return Schema.createRecord("MqlEvent", null, "io.leadscorer.avro", false, fields);
        }

        private Schema type(int depth) {
            int choice = random.nextInt(depth > 0 ? 16 : 10);
            return switch (choice) {
                case 0 -> Schema.create(Schema.Type.NULL);
                case 1 -> Schema.create(Schema.Type.BOOLEAN);
                case 2 -> Schema.create(Schema.Type.INT);
                case 3 -> Schema.create(Schema.Type.LONG);
                case 4 -> Schema.create(Schema.Type.DOUBLE);
                case 5 -> Schema.create(Schema.Type.STRING);
                case 6 -> Schema.create(Schema.Type.BYTES);
                case 7 -> Schema.createEnum(name(), null, "fuzz", List.of("A", "B", "C").subList(0, 1 + random.nextInt(3)));
                case 8 -> Schema.createFixed(name(), null, "fuzz", random.nextInt(9));
                case 9 -> logical();
                case 10, 11 -> Schema.createArray(type(depth - 1));
                case 12 -> Schema.createMap(type(depth - 1));
                case 13 -> Schema.createUnion(Schema.create(Schema.Type.NULL), nonNull(depth - 1));
                default -> {
                    Schema record = Schema.createRecord(name(), null, "fuzz", false);
                    List<Schema.Field> fields = new ArrayList<>();
                    for (int f = random.nextInt(4); f > 0; f--) {
                        fields.add(new Schema.Field("f" + fields.size(), type(depth - 1)));
                    }
                    record.setFields(fields);
                    yield record;
                }
            };
        }

        private Schema nonNull(int depth) {
            Schema type;
            do {
                type = type(depth);
            } while (type.getType() == Schema.Type.NULL || type.getType() == Schema.Type.UNION);
            return type;
        }

        private Schema logical() {
            return switch (random.nextInt(5)) {
                case 0 -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
                case 1 -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
                case 2 -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
                case 3 -> LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES));
                default -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            };
        }

        private String name() {
            return "T" + index + "_" + names++;
        }
    }

    /** Random data for a schema: small collections, strings and numbers. */
    private static final class DataGenerator {

        private final Random random;

        DataGenerator(Random random) {
            this.random = random;
        }

        GenericRecord record(Schema schema) {
            GenericRecord record = new GenericData.Record(schema);
            for (Schema.Field field : schema.getFields()) {
                record.put(field.pos(), field.name().equals("lead_id") ? "lead-" + random.nextInt(1_000_000)
                        : value(field.schema(), 0));
            }
            return record;
        }

        private Object value(Schema schema, int depth) {
            if (schema.getLogicalType() != null) {
                return switch (schema.getLogicalType().getName()) {
                    case "date" -> random.nextInt(30_000);
                    case "timestamp-millis", "timestamp-micros" -> Math.abs(random.nextLong() % 4_000_000_000_000L);
                    case "decimal" -> new BigDecimal(random.nextInt(1_000_000)).movePointLeft(2);
                    case "uuid" -> new UUID(random.nextLong(), random.nextLong());
                    default -> throw new IllegalStateException(schema.toString());
                };
            }
            return switch (schema.getType()) {
                case NULL -> null;
                case BOOLEAN -> random.nextBoolean();
                case INT -> random.nextInt();
                case LONG -> random.nextLong();
                case FLOAT -> random.nextFloat();
                case DOUBLE -> random.nextDouble();
                case STRING -> "s" + random.nextInt(1000) + "ñ한";
                case BYTES -> ByteBuffer.wrap(bytes(random.nextInt(6)));
                case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
                case FIXED -> new GenericData.Fixed(schema, bytes(schema.getFixedSize()));
                case ARRAY -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = depth > 3 ? 0 : random.nextInt(3); i > 0; i--) {
                        items.add(value(schema.getElementType(), depth + 1));
                    }
                    yield new GenericData.Array<>(schema, items);
                }
                case MAP -> {
                    Map<String, Object> entries = new HashMap<>();
                    for (int i = depth > 3 ? 0 : random.nextInt(3); i > 0; i--) {
                        entries.put("k" + i, value(schema.getValueType(), depth + 1));
                    }
                    yield entries;
                }
                case UNION -> {
                    List<Schema> branches = schema.getTypes();
                    Schema branch = depth > 3 ? branches.get(0) : branches.get(random.nextInt(branches.size()));
                    yield value(branch, depth + 1);
                }
                case RECORD -> {
                    GenericRecord nested = new GenericData.Record(schema);
                    for (Schema.Field field : schema.getFields()) {
                        nested.put(field.pos(), value(field.schema(), depth + 1));
                    }
                    yield nested;
                }
            };
        }

        private byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    }
}
