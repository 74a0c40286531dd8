package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.simulator.produce.OutcomeDraw;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.avro.specific.SpecificRecord;
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
        kafka.createTopic("mql.outcomes", 2);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void sendsEventsAndOutcomesThatDecodeBackToTheSimulatedLeads() throws Exception {
        CsvCommandTest.Run run = CsvCommandTest.Run.of("produce", "--bootstrap", kafka.bootstrapServers(),
                "--registry", REGISTRY, "--topic", "mql.events", "--rate", "400", "--count", String.valueOf(COUNT),
                "--seed", "7", "--progress-every", "0.2", "-X", "compression.type=lz4",
                "--outcomes-topic", "mql.outcomes", "--outcome-delay-mean", "50ms", "--outcome-delay-min", "20ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.json();
        assertThat(summary.get("sent").asLong()).isEqualTo(COUNT);
        assertThat(summary.get("failed").asLong()).isZero();
        assertThat(summary.get("target_rate").asDouble()).isEqualTo(400);
        assertThat(run.err()).contains("sent " + COUNT + "/" + COUNT + ", failed 0", "done: 300 sent, 0 failed");

        Map<String, MqlEvent> received = consumeAll("mql.events", MqlEvent.class);
        MqlWorld world = MqlWorld.create(7);
        assertThat(received).hasSize(COUNT);
        Map<String, Instant> sentAt = new HashMap<>();
        received.forEach((leadId, event) -> sentAt.put(leadId, event.getEventTime()));
        for (int i = 0; i < COUNT; i++) {
            MqlEvent expected = world.lead(i).event();
            MqlEvent actual = received.get("lead-7-" + i);
            assertThat(actual).as("lead-7-" + i).isNotNull();
            assertThat(actual.getEventTime()).isAfter(expected.getEventTime());
            actual.setEventTime(expected.getEventTime());
            assertThat(actual).isEqualTo(expected);
        }

        Map<String, LeadOutcome> outcomes = consumeAll("mql.outcomes", LeadOutcome.class);
        OutcomeDraw draw = new OutcomeDraw(7, Duration.ofMillis(50), Duration.ofMillis(20), 1.0, false);
        assertThat(outcomes).hasSize(COUNT);
        long converted = 0;
        for (int i = 0; i < COUNT; i++) {
            SimulatedLead lead = world.lead(i);
            LeadOutcome outcome = outcomes.get(lead.leadId());
            assertThat(outcome).as(lead.leadId()).isNotNull();
            assertThat(outcome.getConverted()).isEqualTo(lead.converted());
            assertThat(outcome.getOutcomeTime())
                    .isEqualTo(sentAt.get(lead.leadId()).plus(draw.draw(lead).orElseThrow().delay()));
            assertThat(outcome.getStage()).isEqualTo(lead.converted() ? "Closed Won" : "Closed Lost");
            converted += lead.converted() ? 1 : 0;
        }
        JsonNode outcomeCounts = summary.get("outcomes");
        assertThat(outcomeCounts.get("topic").asText()).isEqualTo("mql.outcomes");
        assertThat(outcomeCounts.get("converted").asLong()).isEqualTo(converted);
        assertThat(outcomeCounts.get("not_converted").asLong()).isEqualTo(COUNT - converted);
        assertThat(outcomeCounts.get("failed").asLong()).isZero();
        assertThat(run.err()).contains("outcomes: " + converted + " converted, " + (COUNT - converted) + " not converted, 0 failed");
    }

    private static <T extends SpecificRecord> Map<String, T> consumeAll(String topic, Class<T> type) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "produce-command-test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroWireDeserializer<T> values = new AvroWireDeserializer<>(type);
        values.configure(Map.of("schema.registry.url", REGISTRY), false);
        Map<String, T> received = new HashMap<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            // bounded only so that a broken producer fails the test instead of hanging the build
            for (int poll = 0; poll < 600 && received.size() < COUNT; poll++) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    received.put(record.key(), record.value());
                }
            }
        }
        return received;
    }
}
