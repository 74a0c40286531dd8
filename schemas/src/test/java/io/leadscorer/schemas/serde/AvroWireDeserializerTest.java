package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Golden bytes in, and every kind of bad bytes: each must end in a SerializationException naming it. */
class AvroWireDeserializerTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final String TOPIC = "mql.events";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroWireDeserializer<MqlEvent> events = new AvroWireDeserializer<>(MqlEvent.class, registry);

    private byte[] validEvent() {
        return new AvroWireSerializer<MqlEvent>(registry).serialize(TOPIC, TestRecords.mqlEvent());
    }

    @Test
    void readsGoldenBytes() {
        registry.register("lead-scorer.status-value", ModelStatus.getClassSchema());
        ModelStatus status = new AvroWireDeserializer<>(ModelStatus.class, registry)
                .deserialize("lead-scorer.status", HEX.parseHex(AvroWireSerializerTest.MODEL_STATUS_GOLDEN));
        assertThat(status).isEqualTo(AvroWireSerializerTest.goldenModelStatus());

        ScoredLead lead = new AvroWireDeserializer<>(ScoredLead.class, new AvroWireSerializerTest.FixedIdRegistry(0x01020304))
                .deserialize("mql.scores", HEX.parseHex(AvroWireSerializerTest.SCORED_LEAD_GOLDEN));
        assertThat(lead).isEqualTo(AvroWireSerializerTest.goldenScoredLead());
    }

    @Test
    void nullBytesGiveNull() {
        assertThat(events.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void wrongMagicByte() {
        byte[] json = "{\"lead_id\":\"lead-0001\",\"event_time\":1764050400,\"src\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> events.deserialize(TOPIC, json))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x7b: not Confluent wire format (topic mql.events, 57 bytes)");
        byte[] version1 = validEvent();
        version1[0] = 1;
        assertThatThrownBy(() -> events.deserialize(TOPIC, version1))
                .isExactlyInstanceOf(SerializationException.class).hasMessageStartingWith("Unknown magic byte 0x01");
    }

    @Test
    void tooShortForTheHeader() {
        assertThatThrownBy(() -> events.deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Too short for Confluent wire format: need at least 5 bytes (magic byte and schema id)"
                        + " (topic mql.events, 3 bytes)");
        assertThatThrownBy(() -> events.deserialize(TOPIC, new byte[0]))
                .isExactlyInstanceOf(SerializationException.class).hasMessageEndingWith("(topic mql.events, 0 bytes)");
    }

    @Test
    void unknownSchemaId() {
        byte[] bytes = validEvent();
        bytes[4] = 99;
        assertThatThrownBy(() -> events.deserialize(TOPIC, bytes))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Unknown schema id 99 (topic mql.events, " + bytes.length + " bytes): Schema 99 not found");
    }

    @Test
    void truncatedPayload() {
        byte[] valid = validEvent();
        for (int length : new int[] {5, 6, valid.length / 2, valid.length - 1}) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> events.deserialize(TOPIC, truncated))
                    .as("cut at %d of %d bytes", length, valid.length)
                    .isExactlyInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("Truncated payload: input ended before the io.leadscorer.avro.MqlEvent record"
                            + " was complete (writer schema id 1, topic mql.events, " + length + " bytes)");
        }
    }

    @Test
    void garbagePayload() {
        validEvent();
        byte[] negativeLength = HEX.parseHex("00 00 00 00 01 01 00");
        assertThatThrownBy(() -> events.deserialize(TOPIC, negativeLength))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Malformed Avro payload for io.leadscorer.avro.MqlEvent (writer schema id 1, topic mql.events,"
                        + " 7 bytes): org.apache.avro.AvroRuntimeException: Malformed data. Length is negative: -1");
        byte[] badUnionBranch = HEX.parseHex("00 00 00 00 01 02 41 00 7e");
        assertThatThrownBy(() -> events.deserialize(TOPIC, badUnionBranch))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Malformed Avro payload for io.leadscorer.avro.MqlEvent (writer schema id 1,");
        byte[] overlongVarint = HEX.parseHex("00 00 00 00 01 ff ff ff ff ff ff ff ff ff ff ff 01");
        assertThatThrownBy(() -> events.deserialize(TOPIC, overlongVarint))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("Invalid long encoding");
    }

    @Test
    void hugeLengthPrefixFailsAtOnceWithoutAllocating() {
        validEvent();
        // lead_id claims 1,073,741,823 bytes: Avro alone would allocate 1 GB before noticing.
        byte[] hugeString = HEX.parseHex("00 00 00 00 01 fe ff ff ff 07 41 42");
        assertThatThrownBy(() -> events.deserialize(TOPIC, hugeString))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageEndingWith("(writer schema id 1, topic mql.events, 12 bytes): string length 1073741823 exceeds the 2 bytes left");
    }

    @Test
    void trailingGarbage() {
        byte[] valid = validEvent();
        byte[] padded = Arrays.copyOf(valid, valid.length + 3);
        assertThatThrownBy(() -> events.deserialize(TOPIC, padded))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("Trailing garbage: 3 bytes left after the io.leadscorer.avro.MqlEvent record"
                        + " (writer schema id 1, topic mql.events, " + padded.length + " bytes)");
    }

    @Test
    void writerSchemaThatCannotBeResolved() {
        Schema writer = new Schema.Parser().parse("""
                {"type": "record", "name": "ScoredLead", "namespace": "io.leadscorer.avro", "fields": [
                  {"name": "lead_id", "type": "string"},
                  {"name": "probability", "type": "string"}
                ]}""");
        int id = registry.register("mql.scores-value", writer);
        byte[] bytes = HEX.parseHex("00 00 00 00 0" + id + " 02 41 02 42");
        AvroWireDeserializer<ScoredLead> scores = new AvroWireDeserializer<>(ScoredLead.class, registry);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> scores.deserialize("mql.scores", bytes))
                    .isExactlyInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("Writer schema id 1 (io.leadscorer.avro.ScoredLead) cannot be resolved against"
                            + " reader schema io.leadscorer.avro.ScoredLead: ")
                    .hasMessageContaining("TYPE_MISMATCH at /fields/1/type")
                    .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2: label");
        }
        AvroWireDeserializer<ModelStatus> statuses = new AvroWireDeserializer<>(ModelStatus.class, registry);
        assertThatThrownBy(() -> statuses.deserialize("mql.scores", bytes))
                .isExactlyInstanceOf(SerializationException.class).hasMessageContaining("NAME_MISMATCH");
    }

    @Test
    void unreachableRegistryIsARetriableSerializationException() throws IOException {
        AvroWireDeserializer<MqlEvent> deserializer = new AvroWireDeserializer<>(MqlEvent.class);
        deserializer.configure(Map.of("schema.registry.url", "http://localhost:" + freePort()), false);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, HEX.parseHex("00 00 00 00 07 00")))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("Schema registry unavailable fetching writer schema id 7 (topic mql.events, 6 bytes)");
    }

    @Test
    void registryRefusingTheClientIsRetriableNotTheRecordsFault() {
        try (HttpSchemaRegistryServer server = HttpSchemaRegistryServer.start()) {
            server.requireBasicAuth("alice", "s3cret");
            AvroWireDeserializer<MqlEvent> deserializer = new AvroWireDeserializer<>(MqlEvent.class);
            deserializer.configure(Map.of("schema.registry.url", server.url()), false);
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, HEX.parseHex("00 00 00 00 07 00")))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageEndingWith("answered HTTP 401 (error_code 40101): Unauthorized");
        }
    }

    @Test
    void noArgDeserializerTakesTheRecordClassFromConfig() {
        byte[] bytes = validEvent();
        String scope = "deserializer-config-test";
        InMemorySchemaRegistry.forScope(scope).register("mql.events-value", MqlEvent.getClassSchema());
        AvroWireDeserializer<MqlEvent> byName = new AvroWireDeserializer<>();
        byName.configure(Map.of("schema.registry.url", "mock://" + scope, "specific.avro.value.type", MqlEvent.class.getName()), false);
        AvroWireDeserializer<MqlEvent> byClass = new AvroWireDeserializer<>();
        byClass.configure(Map.of("schema.registry.url", "mock://" + scope, "specific.avro.key.type", MqlEvent.class), true);
        assertThat(byName.deserialize(TOPIC, bytes)).isEqualTo(TestRecords.mqlEvent());
        assertThat(byClass.deserialize(TOPIC, bytes)).isEqualTo(TestRecords.mqlEvent());
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void missingOrWrongRecordClassIsAConfigError() {
        Map<String, Object> mock = Map.of("schema.registry.url", "mock://x");
        assertThatThrownBy(() -> new AvroWireDeserializer<MqlEvent>().configure(mock, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("specific.avro.value.type");
        assertThatThrownBy(() -> new AvroWireDeserializer<MqlEvent>().configure(
                Map.of("specific.avro.key.type", "io.leadscorer.avro.Nope"), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("class not found");
        assertThatThrownBy(() -> new AvroWireDeserializer<MqlEvent>().configure(
                Map.of("specific.avro.value.type", String.class.getName()), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a generated Avro class");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
