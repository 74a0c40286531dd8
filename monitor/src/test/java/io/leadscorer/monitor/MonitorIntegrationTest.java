package io.leadscorer.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor as a process of its own against a real broker and an HTTP Schema Registry: scores and outcomes
 * stream in, the monitor is killed with SIGKILL mid-stream and a new one (with an empty state directory, so its state
 * comes back from the changelogs) takes over. Every outcome must count exactly once: the final figures equal those
 * computed here from the same scores and outcomes.
 */
class MonitorIntegrationTest {

    private static final String MODEL = "model-live";
    private static final int LEADS = 1200;
    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private static EmbeddedKafkaCluster kafka;
    private static HttpSchemaRegistryServer registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaCluster.start();
        registry = HttpSchemaRegistryServer.start();
        kafka.createTopic("mql.scores", 3);
        kafka.createTopic("mql.scores.shadow", 3);
        kafka.createTopic("mql.outcomes", 3);
        kafka.createTopic("mql.events", 3);
        kafka.createTopic("mql.outcomes.dlq", 1);
        kafka.createTopic("mql.events.dlq", 1);
        kafka.createCompactedTopic("lead-scorer.quality", 1);
        kafka.createCompactedTopic("lead-scorer.control", 1);
    }

    @AfterAll
    static void stopKafka() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aMonitorKilledMidStreamNeitherLosesNorDoubleCountsAnOutcome() throws Exception {
        Random random = new Random(11);
        double[] probability = new double[LEADS];
        boolean[] converted = new boolean[LEADS];
        for (int i = 0; i < LEADS; i++) {
            probability[i] = 1 / (1 + Math.exp(-(random.nextGaussian() - 1.5)));
            converted[i] = random.nextDouble() < probability[i];
        }
        Process first = startMonitor(temp.resolve("state-1"), temp.resolve("monitor-1.log"));
        Process second = null;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            AvroWireSerializer<ScoredLead> scores = serializer();
            AvroWireSerializer<LeadOutcome> outcomes = serializer();
            for (int i = 0; i < LEADS; i++) {
                String lead = "lead-" + i;
                Instant at = START.plusSeconds(i);
                ScoredLead score = ScoredLead.newBuilder().setLeadId(lead).setModelId(MODEL)
                        .setProbability(probability[i]).setThreshold(0.3).setLabel(probability[i] >= 0.3)
                        .setEventTime(at).setScoredTime(at).build();
                producer.send(new ProducerRecord<>("mql.scores", lead, scores.serialize("mql.scores", score)));
                if (i >= 10) {
                    sendOutcome(producer, outcomes, i - 10, converted[i - 10]);
                }
                if (i == LEADS / 2) {
                    producer.send(new ProducerRecord<>("mql.outcomes", "lead-0", "garbage".getBytes(StandardCharsets.UTF_8)));
                    producer.flush();
                    awaitLabelled(1, Duration.ofSeconds(90));
                    first.destroyForcibly().waitFor();
                    second = startMonitor(temp.resolve("state-2"), temp.resolve("monitor-2.log"));
                }
                if (i % 100 == 0) {
                    producer.flush();
                }
            }
            for (int i = LEADS - 10; i < LEADS; i++) {
                sendOutcome(producer, outcomes, i, converted[i]);
            }
            sendOutcome(producer, outcomes, 3, converted[3]);
            producer.flush();

            ModelQuality live = awaitLabelled(LEADS, Duration.ofSeconds(120));
            int positives = 0;
            double logLoss = 0;
            for (int i = 0; i < LEADS; i++) {
                positives += converted[i] ? 1 : 0;
                logLoss -= converted[i] ? Math.log(probability[i]) : Math.log1p(-probability[i]);
            }
            assertThat(live.getLabelled()).isEqualTo(LEADS);
            assertThat(live.getPositives()).isEqualTo(positives);
            assertThat(live.getScored()).isEqualTo(LEADS);
            assertThat(live.getLogLoss()).isCloseTo(logLoss / LEADS, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(deadLetters()).isEqualTo(1);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
        }
        assertThat(Files.readString(temp.resolve("monitor-2.log"))).doesNotContain(" ERROR ");
    }

    private static void sendOutcome(KafkaProducer<String, byte[]> producer, AvroWireSerializer<LeadOutcome> outcomes,
                                    int i, boolean converted) {
        String lead = "lead-" + i;
        LeadOutcome outcome = LeadOutcome.newBuilder().setLeadId(lead).setConverted(converted)
                .setOutcomeTime(START.plusSeconds(i).plus(Duration.ofDays(2))).setSource("test").build();
        producer.send(new ProducerRecord<>("mql.outcomes", lead, outcomes.serialize("mql.outcomes", outcome)));
    }

    private Process startMonitor(Path stateDir, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), MonitorApplication.class.getName());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registry.url());
        env.put("MONITOR_STATE_DIR", stateDir.toString());
        env.put("MONITOR_HTTP_PORT", "-1");
        env.put("MONITOR_QUALITY_REPORT_INTERVAL", "500ms");
        env.put("MONITOR_COMMIT_INTERVAL", "200ms");
        env.put("MONITOR_MODEL_STORE", temp.resolve("no-models").toString());
        File output = log.toFile();
        return builder.redirectErrorStream(true).redirectOutput(output).start();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroWireSerializer<T> serializer() {
        AvroWireSerializer<T> serializer = new AvroWireSerializer<>();
        serializer.configure(Map.of(SchemaRegistryConfig.URL, registry.url()), false);
        return serializer;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads the committed quality records until the model's cumulative figures rest on {@code labelled} labels. */
    private static ModelQuality awaitLabelled(long labelled, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "quality-reader-" + System.nanoTime());
        AvroWireDeserializer<ModelQuality> reader = new AvroWireDeserializer<>(ModelQuality.class,
                io.leadscorer.schemas.registry.SchemaRegistries.fromConfig(Map.of(SchemaRegistryConfig.URL, registry.url())));
        long deadline = System.nanoTime() + timeout.toNanos();
        ModelQuality latest = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("lead-scorer.quality"));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(MODEL + "@all")) {
                        latest = reader.deserialize(record.topic(), record.headers(), record.value());
                    }
                }
                if (latest != null && latest.getLabelled() >= labelled) {
                    return latest;
                }
            }
        }
        throw new AssertionError("no figures resting on " + labelled + " labels within " + timeout + "; latest: " + latest);
    }

    private static int deadLetters() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("mql.outcomes.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && read.isEmpty()) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(read::add);
        }
        return read.size();
    }
}
