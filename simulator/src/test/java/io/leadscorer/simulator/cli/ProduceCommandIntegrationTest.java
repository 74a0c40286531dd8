package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProduceCommandIntegrationTest {

    private static final String REGISTRY = "mock://produce-command-test";
    private static final int COUNT = 300;
    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaCluster.start();
        kafka.createTopic("mql.events", 3);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void sendsEventsThatDecodeBackToTheSimulatedLeads() throws Exception {
        CsvCommandTest.Run run = CsvCommandTest.Run.of("produce", "--bootstrap", kafka.bootstrapServers(),
                "--registry", REGISTRY, "--topic", "mql.events", "--rate", "400", "--count", String.valueOf(COUNT),
                "--seed", "7", "--progress-every", "0.2", "-X", "compression.type=lz4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.json();
        assertThat(summary.get("sent").asLong()).isEqualTo(COUNT);
        assertThat(summary.get("failed").asLong()).isZero();
        assertThat(summary.get("target_rate").asDouble()).isEqualTo(400);
        assertThat(run.err()).contains("sent " + COUNT + "/" + COUNT + ", failed 0", "done: 300 sent, 0 failed");

        Map<String, MqlEvent> received = consumeAll();
        MqlWorld world = MqlWorld.create(7);
        assertThat(received).hasSize(COUNT);
        for (int i = 0; i < COUNT; i++) {
            MqlEvent expected = world.lead(i).event();
            MqlEvent actual = received.get("lead-7-" + i);
            assertThat(actual).as("lead-7-" + i).isNotNull();
            assertThat(actual.getEventTime()).isAfter(expected.getEventTime());
            actual.setEventTime(expected.getEventTime());
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static Map<String, MqlEvent> consumeAll() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "produce-command-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroWireDeserializer<MqlEvent> values = new AvroWireDeserializer<>(MqlEvent.class);
        values.configure(Map.of("schema.registry.url", REGISTRY), false);
        Map<String, MqlEvent> received = new HashMap<>();
        try (KafkaConsumer<String, MqlEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of("mql.events"));
            // bounded only so that a broken producer fails the test instead of hanging the build
            for (int poll = 0; poll < 600 && received.size() < COUNT; poll++) {
                for (ConsumerRecord<String, MqlEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    received.put(record.key(), record.value());
                }
            }
        }
        return received;
    }
}
