package io.leadscorer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadscorer.avro.Reason;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the consumer examples of docs/INTEGRATION.md against a real broker and HTTP registry: scores written as the
 * scorer writes them (the project's serializer, in transactions, one of them aborted) must come out as the lines the
 * examples print, the aborted score left out. The Python example runs where /usr/bin/python3 has confluent_kafka and
 * avro, and is skipped elsewhere.
 */
class ScoreConsumerExamplesTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PYTHON_EXAMPLE = Path.of("src/test/python/score_consumer.py");
    private static final Instant EVENT_TIME = Instant.parse("2026-11-25T06:00:00.123Z");

    private static final List<ScoredLead> COMMITTED_FIRST = List.of(
            score("lead-0001", "A", 97.5, List.of(
                    new Reason("customer_idx", "2333", 0.61),
                    new Reason("product_category*business_area", "multi-split | corporate / office", 0.2),
                    new Reason("expected_timeline", "less than 3 months", -0.14))),
            score("lead-0002", null, null, List.of()),
            score("lead-0003", "D", 12.5, List.of(new Reason("enterprise", "SMB", -0.4))));
    private static final ScoredLead ABORTED = score("lead-0004", "C", 40.0, List.of());
    private static final ScoredLead COMMITTED_LAST = score("lead-0005", "B", 80.0,
            List.of(new Reason("lead_owner", "17", 0.25)));
    private static final List<String> EXPECTED = List.of(
            "lead-0001 tier=A percentile=97.5 reasons: customer_idx=2333 (+0.61), "
                    + "product_category*business_area=multi-split | corporate / office (+0.20), "
                    + "expected_timeline=less than 3 months (-0.14)",
            "lead-0002 tier=- percentile=- reasons: none",
            "lead-0003 tier=D percentile=12.5 reasons: enterprise=SMB (-0.40)",
            "lead-0005 tier=B percentile=80.0 reasons: lead_owner=17 (+0.25)");

    private static EmbeddedKafkaCluster kafka;
    private static HttpSchemaRegistryServer registry;

    @BeforeAll
    static void writeScores() {
        kafka = EmbeddedKafkaCluster.start();
        registry = HttpSchemaRegistryServer.start();
        kafka.createTopic(ScoreConsumer.TOPIC, 1);
        try (KafkaProducer<String, ScoredLead> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scorer-like",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroWireSerializer.class.getName(),
                "schema.registry.url", registry.url()))) {
            producer.initTransactions();
            send(producer, COMMITTED_FIRST);
            producer.commitTransaction();
            send(producer, List.of(ABORTED));
            producer.flush();
            producer.abortTransaction();
            send(producer, List.of(COMMITTED_LAST));
            producer.commitTransaction();
        }
    }

    /** Opens a transaction and sends the scores in it, keyed by lead id. */
    private static void send(KafkaProducer<String, ScoredLead> producer, List<ScoredLead> scores) {
        producer.beginTransaction();
        scores.forEach(score -> producer.send(new ProducerRecord<>(ScoreConsumer.TOPIC, score.getLeadId(), score)));
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    @Test
    void javaExamplePrintsTheCommittedScores() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ScoreConsumer consumer = new ScoreConsumer(kafka.bootstrapServers(), registry.url(), "java-example");
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            int lines = 0;
            while (lines < EXPECTED.size()) {
                lines += consumer.printNext(out);
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void pythonExamplePrintsTheCommittedScores(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is not installed");
        assumeTrue(new ProcessBuilder(PYTHON.toString(), "-c", "import confluent_kafka, avro")
                .redirectErrorStream(true).redirectOutput(dir.resolve("import.log").toFile()).start().waitFor() == 0,
                PYTHON + " lacks confluent_kafka or avro (Debian: python3-confluent-kafka python3-avro)");
        Path errors = dir.resolve("stderr.log");
        Process python = new ProcessBuilder(PYTHON.toString(), PYTHON_EXAMPLE.toString(),
                "--bootstrap", kafka.bootstrapServers(), "--registry", registry.url(), "--group", "python-example",
                "--max-scores", String.valueOf(EXPECTED.size()))
                .redirectError(errors.toFile()).start();
        List<String> lines = new ArrayList<>(
                new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        int exit = python.waitFor();

        assertThat(exit).as("exit status; stderr: %s", Files.readString(errors)).isZero();
        assertThat(lines).containsExactlyElementsOf(EXPECTED);
    }

    private static ScoredLead score(String leadId, String tier, Double percentile, List<Reason> reasons) {
        return ScoredLead.newBuilder()
                .setLeadId(leadId)
                .setProbability(0.5)
                .setLabel(true)
                .setThreshold(0.42)
                .setModelId("20261125T060102Z-ab12cd34")
                .setEventTime(EVENT_TIME)
                .setScoredTime(EVENT_TIME.plusMillis(35))
                .setTier(tier)
                .setPercentile(percentile)
                .setReasons(reasons)
                .build();
    }
}
