package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroWireSerializerTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    /**
     * magic 00 | id 00000001 | "i1" | "m1" | enum ACTIVE (1) | union branch null | time 1000 ms | role: union branch
     * null | sequence 0 | evidence: union branch null.
     */
    static final String MODEL_STATUS_GOLDEN = "00 00 00 00 01 04 69 31 04 6d 31 02 00 d0 0f 00 00 00";

    /**
     * magic 00 | id 01020304 (big-endian) | "L1" | 0.5 (little-endian IEEE double) | true | 0.25 | "m"
     * | event time 1000 ms | scored time 1001 ms (zig-zag varints) | tier: union branch null | percentile: union
     * branch null | reasons: an empty array.
     */
    static final String SCORED_LEAD_GOLDEN =
            "00 01 02 03 04 04 4c 31 00 00 00 00 00 00 e0 3f 01 00 00 00 00 00 00 d0 3f 02 6d d0 0f d2 0f 00 00 00";

    static ModelStatus goldenModelStatus() {
        return ModelStatus.newBuilder().setInstance("i1").setModelId("m1").setState(ModelState.ACTIVE)
                .setReason(null).setTime(Instant.ofEpochMilli(1000)).build();
    }

    static ScoredLead goldenScoredLead() {
        return ScoredLead.newBuilder().setLeadId("L1").setProbability(0.5).setLabel(true).setThreshold(0.25)
                .setModelId("m").setEventTime(Instant.ofEpochMilli(1000)).setScoredTime(Instant.ofEpochMilli(1001)).build();
    }

    @Test
    void writesGoldenBytesForModelStatus() {
        byte[] bytes = new AvroWireSerializer<ModelStatus>(registry).serialize("lead-scorer.status", goldenModelStatus());
        assertThat(HEX.formatHex(bytes)).isEqualTo(MODEL_STATUS_GOLDEN);
        assertThat(registry.versions("lead-scorer.status-value")).containsExactly(ModelStatus.getClassSchema());
    }

    @Test
    void writesGoldenBytesForScoredLeadWithBigEndianSchemaId() {
        byte[] bytes = new AvroWireSerializer<ScoredLead>(new FixedIdRegistry(0x01020304))
                .serialize("mql.scores", goldenScoredLead());
        assertThat(HEX.formatHex(bytes)).isEqualTo(SCORED_LEAD_GOLDEN);
    }

    @Test
    void registersUnderTheKeySubjectForKeys() {
        AvroWireSerializer<ModelStatus> serializer = new AvroWireSerializer<>(registry);
        serializer.configure(Map.of(), true);
        serializer.serialize("lead-scorer.status", goldenModelStatus());
        assertThat(registry.versions("lead-scorer.status-key")).containsExactly(ModelStatus.getClassSchema());
        assertThat(registry.versions("lead-scorer.status-value")).isEmpty();
    }

    @Test
    void nullDataGivesNullBytes() {
        assertThat(new AvroWireSerializer<ModelStatus>(registry).serialize("t", null)).isNull();
    }

    @Test
    void withoutAutoRegisterUsesTheRegisteredIdAndFailsWhenThereIsNone() {
        registry.register("other-value", ScoredLead.getClassSchema());
        AvroWireSerializer<ModelStatus> serializer = new AvroWireSerializer<>(registry);
        serializer.configure(Map.of("auto.register.schemas", "false"), false);
        assertThatThrownBy(() -> serializer.serialize("lead-scorer.status", goldenModelStatus()))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessage("looking up io.leadscorer.avro.ModelStatus under subject lead-scorer.status-value: "
                        + "Subject 'lead-scorer.status-value' not found.");
        assertThat(registry.versions("lead-scorer.status-value")).isEmpty();

        registry.register("lead-scorer.status-value", ModelStatus.getClassSchema());
        byte[] bytes = serializer.serialize("lead-scorer.status", goldenModelStatus());
        assertThat(HEX.formatHex(bytes, 0, 5)).isEqualTo("00 00 00 00 02");
    }

    @Test
    void incompleteRecordIsASerializationException() {
        assertThatThrownBy(() -> new AvroWireSerializer<ScoredLead>(registry).serialize("mql.scores", new ScoredLead()))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Could not serialize io.leadscorer.avro.ScoredLead for topic mql.scores:")
                .hasMessageContaining("ScoredLead.lead_id");
    }

    @Test
    void unreachableRegistryIsARetriableSerializationException() throws IOException {
        AvroWireSerializer<ModelStatus> serializer = new AvroWireSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "http://localhost:" + freePort()), false);
        assertThatThrownBy(() -> serializer.serialize("lead-scorer.status", goldenModelStatus()))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("Schema registry unavailable registering io.leadscorer.avro.ModelStatus "
                        + "under subject lead-scorer.status-value: Schema registry unreachable");
    }

    @Test
    void aSchemaTheRegistryRefusesIsARejectionNamingTheSubjectAndTheRegistrysMessage() {
        try (HttpSchemaRegistryServer server = HttpSchemaRegistryServer.start()) {
            server.registry().register("mql.scores-value", ModelStatus.getClassSchema());
            server.refuseNewVersions("mql.scores-value", true);
            AvroWireSerializer<ScoredLead> serializer = new AvroWireSerializer<>();
            serializer.configure(Map.of("schema.registry.url", server.url()), false);

            assertThatThrownBy(() -> serializer.serialize("mql.scores", goldenScoredLead()))
                    .isInstanceOfSatisfying(SchemaRejectedException.class, rejected -> {
                        assertThat(rejected.subject()).isEqualTo("mql.scores-value");
                        assertThat(rejected.status()).isEqualTo(409);
                    })
                    .hasMessageStartingWith("Schema registry refused registering io.leadscorer.avro.ScoredLead under"
                            + " subject mql.scores-value")
                    .hasMessageContaining("incompatible with an earlier schema");

            server.refuseNewVersions("mql.scores-value", false);
            assertThat(serializer.serialize("mql.scores", goldenScoredLead())).isNotEmpty();
        }
    }

    @Test
    void anInvalidSchemaAnswerIsARejectionToo() {
        try (HttpSchemaRegistryServer server = HttpSchemaRegistryServer.start()) {
            server.respondNext(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
            AvroWireSerializer<ScoredLead> serializer = new AvroWireSerializer<>();
            serializer.configure(Map.of("schema.registry.url", server.url()), false);

            assertThatThrownBy(() -> serializer.serialize("mql.scores", goldenScoredLead()))
                    .isInstanceOfSatisfying(SchemaRejectedException.class,
                            rejected -> assertThat(rejected.status()).isEqualTo(422))
                    .hasMessageContaining("Invalid schema");
        }
    }

    @Test
    void unconfiguredSerializerSaysSo() {
        assertThatThrownBy(() -> new AvroWireSerializer<ModelStatus>().serialize("t", goldenModelStatus()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before configure()");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A registry that gives every schema one chosen id, to pin the id's byte order in golden vectors. */
    record FixedIdRegistry(int id) implements SchemaRegistryClient {
        @Override
        public int register(String subject, Schema schema) {
            return id;
        }

        @Override
        public int idOf(String subject, Schema schema) {
            return id;
        }

        @Override
        public Schema byId(int requested) {
            assertThat(requested).isEqualTo(id);
            return ScoredLead.getClassSchema();
        }
    }
}
