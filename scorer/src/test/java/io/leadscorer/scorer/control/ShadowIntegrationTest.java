package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.Shadow;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.ScorerInstance;
import io.leadscorer.scorer.testing.ScoresReader;
import io.leadscorer.scorer.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shadow and its promotion end to end on the in-JVM broker with two scorer instances of one deployment under
 * continuous load: every lead gets exactly one live score on the scores topic and exactly one shadow score on the
 * shadow scores topic, never a shadow score among the live ones; PROMOTE switches each partition's live model (and
 * its shadow model) once, without a reload.
 */
class ShadowIntegrationTest {

    private static final String REGISTRY = "mock://shadow";
    private static final String APP = "shadow";
    private static final Duration READY = Duration.ofMinutes(2);
    private static EmbeddedKafkaCluster kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaCluster.start();
        kafka.createTopic(APP + ".events", 4);
        kafka.createTopic(APP + ".scores", 4);
        kafka.createTopic(APP + ".scores.shadow", 4);
        kafka.createTopic(APP + ".dlq", 1);
        kafka.createCompactedTopic(APP + ".control", 1);
        kafka.createTopic(APP + ".status", 1);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private ScorerSettings settings(int instance, Path store, Path initial) {
        return TestSettings.withStateDir(tmp.resolve("state-" + instance)).applicationId(APP)
                .instanceId(APP + "-" + instance).bootstrapServers(kafka.bootstrapServers()).registry(REGISTRY)
                .topics(APP + ".events", APP + ".scores", APP + ".dlq").controlTopics(APP + ".control", APP + ".status")
                .store(store).bundle(initial).batch(8, Duration.ofMillis(50)).build();
    }

    @Test
    void everyLeadGetsOneLiveAndOneShadowScoreAndPromoteSwitchesEachPartitionOnce() throws Exception {
        Path store = tmp.resolve("models");
        Bundle first = TinyBundles.create(store, 1);
        Bundle candidate = TinyBundles.create(store, 2);
        ScorerSettings one = settings(1, store, first.dir());
        Instant until = Instant.now().plus(Duration.ofHours(1));
        List<String> sent = new ArrayList<>();
        try (ScorerInstance a = ScorerInstance.start(one); ScorerInstance b = ScorerInstance.start(settings(2, store,
                first.dir()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
             ScoresReader live = new ScoresReader(kafka.bootstrapServers(), REGISTRY, APP + ".scores", APP + ".dlq");
             ScoresReader shadow = new ScoresReader(kafka.bootstrapServers(), REGISTRY, APP + ".scores.shadow",
                     APP + ".dlq")) {
            a.awaitReady(READY);
            b.awaitReady(READY);
            send(producer, one, command(ModelAction.SHADOW, first, candidate, ShadowRole.CANDIDATE, until, 100));
            Generation loadedCandidate = awaitShadow(a, candidate.modelId());
            awaitShadow(b, candidate.modelId());

            Serializer<MqlEvent> events = AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(one), false)
                    .serializer();
            int leads = 600;
            for (int i = 0; i < leads; i++) {
                MqlEvent lead = Leads.lead("shadow-" + i, i, Instant.now());
                producer.send(new ProducerRecord<>(APP + ".events", lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        events.serialize(APP + ".events", lead)));
                sent.add(lead.getLeadId());
                if (i == leads / 2) {
                    send(producer, one, command(ModelAction.PROMOTE, candidate, first, ShadowRole.PREVIOUS, until, 101));
                }
                Thread.sleep(5);
            }
            a.awaitModel(candidate.modelId(), READY);
            b.awaitModel(candidate.modelId(), READY);
            live.awaitAtLeast(leads, 0, Duration.ofMinutes(3));
            shadow.awaitAtLeast(leads, 0, Duration.ofMinutes(3));
            live.drainFor(Duration.ofSeconds(1));
            shadow.drainFor(Duration.ofSeconds(1));

            assertThat(a.active.current()).as("promoted without a reload").containsSame(loadedCandidate);
            assertThat(live.deadLetters).isEmpty();
            assertThat(live.scores).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sent);
            assertThat(shadow.scores).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sent);
            Map<String, String> liveModel = modelByLead(live.scores);
            Map<String, String> shadowModel = modelByLead(shadow.scores);
            sent.forEach(lead -> assertThat(shadowModel.get(lead)).as("the other model scores %s in shadow", lead)
                    .isNotEqualTo(liveModel.get(lead)));
            assertSwitchesOnce(live.scores, first.modelId(), candidate.modelId());
            assertSwitchesOnce(shadow.scores, candidate.modelId(), first.modelId());
        }
    }

    private static Map<String, String> modelByLead(List<ConsumerRecord<String, ScoredLead>> scores) {
        return scores.stream().collect(Collectors.toMap(ConsumerRecord::key, score -> score.value().getModelId()));
    }

    /** Per partition, the scores' model ids run from {@code before} to {@code after} and never back. */
    private static void assertSwitchesOnce(List<ConsumerRecord<String, ScoredLead>> scores, String before,
                                           String after) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        scores.forEach(score -> byPartition.computeIfAbsent(score.partition(), p -> new ArrayList<>())
                .add(score.value().getModelId()));
        byPartition.forEach((partition, models) -> assertThat(new ArrayList<>(new LinkedHashSet<>(models)))
                .as("model ids of partition %d in order", partition).isIn(List.of(before), List.of(after),
                        List.of(before, after)));
        assertThat(byPartition.values().stream().flatMap(List::stream).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(before, after);
    }

    private static Generation awaitShadow(ScorerInstance instance, String modelId) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        Function<ScorerInstance, Generation> shadow = i -> i.active.shadow().map(Shadow::generation)
                .filter(g -> g.modelId().equals(modelId)).orElse(null);
        while (shadow.apply(instance) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no shadow " + modelId + " on " + instance.settings.instanceId());
            }
            Thread.sleep(50);
        }
        return shadow.apply(instance);
    }

    private static ModelCommand command(ModelAction action, Bundle live, Bundle shadow, ShadowRole role, Instant until,
                                        long sequence) {
        return ModelCommand.newBuilder().setAction(action).setModelId(live.modelId())
                .setBundleUri(live.dir().toUri().toString()).setManifestSha256(live.manifestSha256())
                .setSequence(sequence).setRequestedTime(Instant.now()).setRequestedBy("test")
                .setShadow(ShadowModel.newBuilder().setModelId(shadow.modelId())
                        .setBundleUri(shadow.dir().toUri().toString()).setManifestSha256(shadow.manifestSha256())
                        .setRole(role).setUntil(until).build())
                .build();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ScorerSettings settings, ModelCommand command)
            throws Exception {
        Serializer<ModelCommand> commands = AvroWireSerde.of(ModelCommand.class,
                ScorerStreamsConfig.serdeConfig(settings), false).serializer();
        String topic = settings.topics().control();
        producer.send(new ProducerRecord<>(topic, APP.getBytes(StandardCharsets.UTF_8),
                commands.serialize(topic, command))).get(30, TimeUnit.SECONDS);
    }
}
