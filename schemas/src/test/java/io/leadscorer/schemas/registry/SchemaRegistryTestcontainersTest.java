package io.leadscorer.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.serde.AvroWireSerde;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;

/**
 * The HTTP client and the serde against a real Confluent Schema Registry (backed by a Kafka container).
 * Needs Docker; skipped cleanly where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class SchemaRegistryTestcontainersTest {

    private static final Network NETWORK = Network.newNetwork();

    @Container
    private static final ConfluentKafkaContainer KAFKA = new ConfluentKafkaContainer("confluentinc/cp-kafka:7.8.0")
            .withNetwork(NETWORK)
            .withListener("kafka:19092");

    @Container
    private static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:7.8.0")
            .withNetwork(NETWORK)
            .dependsOn(KAFKA)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    private static String url() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
    }

    @Test
    void registersLooksUpAndFetchesAgainstConfluentSchemaRegistry() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConnection.to(url()));
        int id = client.register("tc-scores-value", ScoredLead.getClassSchema());
        assertThat(id).isPositive();

        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(RegistryConnection.to(url()));
        assertThat(fresh.idOf("tc-scores-value", ScoredLead.getClassSchema())).isEqualTo(id);
        assertThat(fresh.byId(id)).isEqualTo(ScoredLead.getClassSchema());
        assertThatThrownBy(() -> fresh.idOf("tc-scores-value", ModelStatus.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> fresh.byId(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void serdeRoundTripsThroughConfluentSchemaRegistry() {
        AvroWireSerde<ModelStatus> serde = AvroWireSerde.of(ModelStatus.class, Map.of("schema.registry.url", url()), false);
        ModelStatus status = ModelStatus.newBuilder().setInstance("scorer-0").setModelId("m")
                .setState(ModelState.ACTIVE).setTime(Instant.ofEpochMilli(1000)).build();
        byte[] bytes = serde.serializer().serialize("tc-status", status);
        assertThat(serde.deserializer().deserialize("tc-status", bytes)).isEqualTo(status);

        AvroWireSerde<ScoredLead> lookupOnly = AvroWireSerde.of(ScoredLead.class,
                Map.of("schema.registry.url", url(), "auto.register.schemas", "false"), false);
        assertThatThrownBy(() -> lookupOnly.serializer().serialize("tc-unregistered",
                ScoredLead.newBuilder().setLeadId("l").setProbability(0.1).setLabel(false).setThreshold(0.5)
                        .setModelId("m").setEventTime(Instant.EPOCH).setScoredTime(Instant.EPOCH).build()))
                .isExactlyInstanceOf(SerializationException.class).hasMessageContaining("40401");
    }
}
