package io.leadscorer.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.ScoresReader;
import io.leadscorer.scorer.testing.TestSettings;
import io.leadscorer.scorer.topology.ScorerTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;

/**
 * The scorer against a real Confluent Kafka broker and a real Confluent Schema Registry in containers: the HTTP
 * registry client and the wire format as Confluent serves them. Runs where Docker exists and is skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ScorerTestcontainersTest {

    private static final String CONFLUENT_VERSION = "7.8.0";
    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final ConfluentKafkaContainer KAFKA = new ConfluentKafkaContainer("confluentinc/cp-kafka:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK)
            .withListener("kafka:19092");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK)
            .dependsOn(KAFKA)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    @TempDir
    Path tmp;

    @Test
    void scoresLeadsThroughConfluentKafkaAndSchemaRegistry() throws Exception {
        String registryUrl = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("mql.events", 2, (short) 1), new NewTopic("mql.scores", 2, (short) 1),
                    new NewTopic("mql.events.dlq", 1, (short) 1))).all().get();
        }
        Bundle bundle = TinyBundles.create(tmp.resolve("models"));
        ScorerSettings settings = TestSettings.withStateDir(tmp.resolve("state")).applicationId("scorer-tc")
                .bootstrapServers(KAFKA.getBootstrapServers()).registry(registryUrl).batch(8, Duration.ofMillis(50))
                .build();
        ActiveGeneration active = Generations.serving(bundle);
        Serializer<MqlEvent> events = AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(settings), false)
                .serializer();

        try (StreamThreadScorers scorers = new StreamThreadScorers(() -> new PredictorLeadScorer(active));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer());
             ScoresReader reader = new ScoresReader(KAFKA.getBootstrapServers(), registryUrl, "mql.scores", "mql.events.dlq")) {
            KafkaStreams streams = new KafkaStreams(ScorerTopology.build(settings, scorers,
                    new ScorerMetrics(new SimpleMeterRegistry()), new BufferControl(), Clock.systemUTC()),
                    ScorerStreamsConfig.properties(settings));
            streams.start();
            for (MqlEvent lead : Leads.leads("tc", 20, Instant.now())) {
                producer.send(new ProducerRecord<>("mql.events", lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        events.serialize("mql.events", lead)));
            }
            producer.send(new ProducerRecord<>("mql.events", "junk".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}));
            producer.flush();

            try {
                reader.awaitAtLeast(20, 1, Duration.ofMinutes(3));
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
            reader.drainFor(Duration.ofMillis(500));
            assertThat(reader.scores).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(20);
            assertThat(reader.deadLetters).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo("junk".getBytes(StandardCharsets.UTF_8)));
            assertThat(reader.scores).allSatisfy(r -> assertThat(r.value().getModelId()).isEqualTo(bundle.modelId()));
        }
    }
}
