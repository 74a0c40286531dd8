package io.leadscorer.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.registry.InMemorySchemaRegistry;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroWireSerdeTest {

    private static final String SCOPE = "avro-wire-serde-test";
    private static final Map<String, Object> MOCK = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(MqlEvent.class, TestRecords.mqlEvent()),
                Arguments.of(ScoredLead.class, TestRecords.scoredLead()),
                Arguments.of(ModelCommand.class, TestRecords.modelCommand()),
                Arguments.of(ModelStatus.class, TestRecords.modelStatus()));
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void roundTripsEveryContractRecord(Class<T> type, T record) {
        AvroWireSerde<T> serde = AvroWireSerde.of(type, MOCK, false);
        byte[] bytes = serde.serializer().serialize("topic", record);
        T back = serde.deserializer().deserialize("topic", bytes);
        assertThat(back).isEqualTo(record).isNotSameAs(record);
        assertThat(back.getClass()).isEqualTo(type);
        assertThat(bytes[0]).isZero();
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).versions("topic-value")).containsExactly(record.getSchema());
    }

    @Test
    void roundTripKeepsMultilingualValuesNullsAndTimestamps() {
        AvroWireSerde<MqlEvent> serde = AvroWireSerde.of(MqlEvent.class, MOCK, false);
        MqlEvent back = serde.deserializer().deserialize("mql.events",
                serde.serializer().serialize("mql.events", TestRecords.mqlEvent()));
        assertThat(back.getBusinessSubarea()).isEqualTo("엔지니어링");
        assertThat(back.getCustomerCountry()).isEqualTo("//Bogotá/Colombia");
        assertThat(back.getProductSubcategory()).isNull();
        assertThat(back.getCustomerIdx()).isEqualTo(2333L);
        assertThat(back.getEventTime()).isEqualTo(TestRecords.EVENT_TIME);
        assertThat(back.get("customer_country_1")).isEqualTo("LGEPS");
    }

    @Test
    void nullRoundTripsAsNull() {
        AvroWireSerde<ScoredLead> serde = AvroWireSerde.of(ScoredLead.class, MOCK, false);
        assertThat(serde.serializer().serialize("mql.scores", null)).isNull();
        assertThat(serde.deserializer().deserialize("mql.scores", null)).isNull();
    }

    @Test
    void keySerdeUsesTheKeySubject() {
        AvroWireSerde<ModelStatus> serde = AvroWireSerde.of(ModelStatus.class, MOCK, true);
        serde.serializer().serialize("lead-scorer.status", TestRecords.modelStatus());
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).versions("lead-scorer.status-key")).hasSize(1);
    }

    @Test
    void noArgSerdeTakesTheRecordClassFromConfigLikeKafkaStreamsDefaultSerdes() {
        AvroWireSerde<ScoredLead> serde = new AvroWireSerde<>();
        serde.configure(Map.of("schema.registry.url", "mock://" + SCOPE,
                "specific.avro.value.type", ScoredLead.class.getName()), false);
        byte[] bytes = serde.serializer().serialize("mql.scores", TestRecords.scoredLead());
        assertThat(serde.deserializer().deserialize("mql.scores", bytes)).isEqualTo(TestRecords.scoredLead());
    }

    @Test
    void producerAndConsumerSharingAnHttpRegistryAgreeOnTheGoldenBytes() {
        try (HttpSchemaRegistryServer server = HttpSchemaRegistryServer.start()) {
            Map<String, Object> config = Map.of("schema.registry.url", server.url());
            AvroWireSerde<ModelStatus> producer = AvroWireSerde.of(ModelStatus.class, config, false);
            AvroWireSerde<ModelStatus> consumer = AvroWireSerde.of(ModelStatus.class, config, false);
            byte[] bytes = producer.serializer().serialize("lead-scorer.status", AvroWireSerializerTest.goldenModelStatus());
            assertThat(HexFormat.ofDelimiter(" ").formatHex(bytes)).isEqualTo(AvroWireSerializerTest.MODEL_STATUS_GOLDEN);
            for (int i = 0; i < 3; i++) {
                producer.serializer().serialize("lead-scorer.status", TestRecords.modelStatus());
                assertThat(consumer.deserializer().deserialize("lead-scorer.status", bytes))
                        .isEqualTo(AvroWireSerializerTest.goldenModelStatus());
            }
            assertThat(server.requests()).extracting(HttpSchemaRegistryServer.Request::path)
                    .containsExactly("/subjects/lead-scorer.status-value/versions", "/schemas/ids/1");
        }
    }
}
