package io.leadscorer.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's scenario at a small size (300 leads at 50/s, tiny models, two scorer instances), run once: the summary it
 * prints, the JSON line, and an outside client that joins in while it runs, configured only with the addresses the
 * demo printed and the project's serde (as any client would use Confluent's).
 */
class DemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KAFKA = Pattern.compile("^Kafka \\(embedded, KRaft\\): (localhost:\\d+)$", Pattern.MULTILINE);
    private static final Pattern REGISTRY = Pattern.compile("^Schema Registry: (http://localhost:\\d+)$", Pattern.MULTILINE);
    private static final String OUTSIDE_LEAD = "outside-client-lead";

    @TempDir
    static Path tmp;

    private static DemoSummary summary;
    private static String printed;
    private static ScoredLead outsideScore;

    @BeforeAll
    static void runDemo() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // 6 s of stream; tiny models cannot be told apart on 300 leads, so the policy asks for more evidence than the
        // run has and every shadow ends when its 2 s are up: the broken candidate's first, then the second model's
        RolloutPolicy policy = RolloutPolicy.newBuilder(DemoOptions.demoPolicy()).setMinLabelled(1_000_000)
                .setMinPositives(1_000_000).setMaxShadowMs(2_000).setGuardMs(0).build();
        DemoOptions options = new DemoOptions(300, 50, 2, tmp.resolve("models"), false, false, null, null,
                TrainingProfile.tiny(), Files.createDirectories(tmp.resolve("work")), policy);
        summary = new Demo(options, out, false)
                .onReady(infrastructure -> outsideScore = scoreAsOutsideClient(bytes.toString(StandardCharsets.UTF_8)))
                .run();
        out.print(summary.forPerson());
        out.println(summary.toJson());
        printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
    }

    @Test
    void nothingIsLostOrScoredTwiceAndEveryPoisonRecordIsDeadLettered() {
        assertThat(summary.produced()).isEqualTo(300);
        assertThat(summary.scored()).isEqualTo(300);
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicated()).isZero();
        assertThat(summary.poisonSent()).isEqualTo(PoisonRecords.KINDS.size());
        assertThat(summary.poisonMissed()).isEmpty();
        assertThat(summary.deadLettered()).isGreaterThanOrEqualTo(PoisonRecords.KINDS.size());
        assertThat(summary.ok()).isTrue();
        assertThat(summary.oracleF1()).isBetween(0.0, 1.0);
        assertThat(summary.p99Millis()).isGreaterThanOrEqualTo(summary.p50Millis());
    }

    @Test
    void lastLineIsOneJsonObjectWithTheSummaryFields() throws Exception {
        List<String> lines = printed.strip().lines().toList();
        JsonNode json = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(json.isObject()).isTrue();
        for (String field : List.of("produced", "scored", "dead_lettered", "lost", "duplicated", "models", "live_f1",
                "oracle_f1", "leads_per_s", "p50_ms", "p99_ms", "kafka", "registry")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("produced").asLong()).isEqualTo(300);
        assertThat(json.get("lost").asLong()).isZero();
        assertThat(json.get("kafka").asText()).matches("localhost:\\d+");
        assertThat(json.get("registry").asText()).matches("http://localhost:\\d+");
        assertThat(printed).doesNotContain("\r").doesNotContain("\033[");
    }

    @Test
    void everyOutcomeIsCountedOnceAndEveryModelHasLiveQuality() throws Exception {
        assertThat(summary.outcomes().sent()).isEqualTo(300);
        // one label per live score and one per shadow score of a lead with an outcome
        assertThat(summary.outcomes().labelled()).isEqualTo(summary.outcomes().expected()).isGreaterThan(300);
        assertThat(summary.shadowScored()).isPositive();
        assertThat(summary.shadowDuplicated()).isZero();
        // the monitor measures the shadow model's scores too
        assertThat(summary.outcomes().byModel().keySet()).containsAll(summary.models());
        assertThat(summary.outcomes().byModel().values()).allSatisfy(q -> {
            assertThat(q.getLabelled()).isPositive();
            assertThat(q.getLogLoss()).isPositive();
        });
        List<String> lines = printed.strip().lines().toList();
        JsonNode json = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(json.get("outcomes_labelled").asLong()).isEqualTo(json.get("labels_expected").asLong());
        assertThat(json.get("live_quality").size()).isEqualTo(summary.outcomes().byModel().size());
        assertThat(printed).contains("labels counted by the monitor").contains("quality=[");
    }

    @Test
    void theScoresCarryTheBundlesTiersAndTheSummaryShowsTheirMix() {
        assertThat(summary.actionable().tiers()).isNotEmpty();
        assertThat(summary.actionable().tiers().values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(300);
        assertThat(printed).contains("tiers of the scored leads: ").contains("tiers=[");
    }

    @Test
    void theFirstModelServesFromTheStart() throws Exception {
        Properties ids = new Properties();
        try (var in = Files.newBufferedReader(tmp.resolve("models").resolve(DemoModels.MARKER))) {
            ids.load(in);
        }
        String first = Bundle.open(tmp.resolve("models").resolve(ids.getProperty("first"))).modelId();
        assertThat(summary.models()).first().isEqualTo(first);
    }

    @Test
    void theBrokenCandidateGoesIntoShadowOnlyAndTheMonitorEndsItsShadow() throws Exception {
        assertThat(summary.hotSwapReported()).isTrue();
        Properties ids = new Properties();
        try (var in = Files.newBufferedReader(tmp.resolve("models").resolve(DemoModels.MARKER))) {
            ids.load(in);
        }
        String first = ids.getProperty("first");
        String broken = ids.getProperty("broken");
        List<Map<String, Object>> commands = summary.rollouts().commands();
        assertThat(commands).extracting(c -> c.get("action")).startsWith("DEPLOY", "SHADOW", "END_SHADOW");
        assertThat(commands.get(0)).containsEntry("live", first).containsEntry("requested_by", DemoRollouts.REQUESTED_BY);
        assertThat(commands.get(1)).containsEntry("live", first).containsEntry("shadow", broken + " (CANDIDATE)");
        assertThat(commands.get(2)).containsEntry("live", first).containsEntry("requested_by", "monitor")
                .containsKey("evidence");
        assertThat(summary.models()).containsExactly(first);
        assertThat(summary.rollouts().brokenPromoted()).isFalse();
        assertThat(summary.rollouts().brokenLive()).isFalse();
        assertThat(summary.outcomes().byModel()).containsKey(broken);
        assertThat(printed).contains("rollout: SHADOW by " + DemoRollouts.REQUESTED_BY).contains("rollouts=");
    }

    @Test
    void anOutsideClientWithThePrintedAddressesGetsItsLeadScored() {
        assertThat(outsideScore.getLeadId()).isEqualTo(OUTSIDE_LEAD);
        assertThat(outsideScore.getProbability()).isBetween(0.0, 1.0);
        assertThat(summary.models()).contains(outsideScore.getModelId());
    }

    /** A plain producer and consumer, configured from the printed text alone: one lead in, its score out. */
    private static ScoredLead scoreAsOutsideClient(String printedSoFar) {
        String bootstrap = group(KAFKA, printedSoFar);
        String registry = group(REGISTRY, printedSoFar);
        Map<String, Object> serde = Map.of(SchemaRegistryConfig.URL, registry);
        AvroWireSerializer<MqlEvent> values = new AvroWireSerializer<>();
        values.configure(serde, false);
        MqlEvent event = MqlWorld.create(99).lead(0).event();
        event.setLeadId(OUTSIDE_LEAD);
        event.setEventTime(Instant.now());
        try (KafkaProducer<String, MqlEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>("mql.events", OUTSIDE_LEAD, event));
        }
        AvroWireDeserializer<ScoredLead> scores = new AvroWireDeserializer<>(ScoredLead.class);
        scores.configure(serde, false);
        try (KafkaConsumer<String, ScoredLead> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outside-client",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), scores)) {
            consumer.subscribe(List.of("mql.scores"));
            while (true) {
                for (ConsumerRecord<String, ScoredLead> record : consumer.poll(Duration.ofMillis(200))) {
                    if (OUTSIDE_LEAD.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("printed: %s", text).isTrue();
        return matcher.group(1);
    }
}
