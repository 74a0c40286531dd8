package io.leadscorer.scorer.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelState;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.testing.BadBundles;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.ScorerInstance;
import io.leadscorer.scorer.testing.ScoresReader;
import io.leadscorer.scorer.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot swap end to end on the in-JVM broker with two scorer instances of one deployment: a DEPLOY under continuous
 * load switches both instances with every lead scored exactly once and the model id changing once per partition;
 * replays are ignored, a restarted instance comes back on the deployed model, a rollback returns to the old one.
 */
class HotSwapIntegrationTest {

    private static final String REGISTRY = "mock://hot-swap";
    private static final Duration READY = Duration.ofMinutes(2);
    private static EmbeddedKafkaCluster kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaCluster.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static void createTopics(String app) {
        kafka.createTopic(app + ".events", 4);
        kafka.createTopic(app + ".scores", 4);
        kafka.createTopic(app + ".dlq", 1);
        kafka.createCompactedTopic(app + ".control", 1);
        kafka.createTopic(app + ".status", 1);
    }

    private ScorerSettings settings(String app, int instance, Path store, Path initial, Duration maxWait) {
        return TestSettings.withStateDir(tmp.resolve("state-" + instance)).applicationId(app)
                .instanceId(app + "-" + instance).bootstrapServers(kafka.bootstrapServers()).registry(REGISTRY)
                .topics(app + ".events", app + ".scores", app + ".dlq").controlTopics(app + ".control", app + ".status")
                .store(store).bundle(initial).batch(8, maxWait).build();
    }

    @Test
    void aDeployUnderLoadSwitchesBothInstancesWithEveryLeadScoredOnceAndNoFlipBack() throws Exception {
        Path store = tmp.resolve("models");
        Bundle first = TinyBundles.create(store, 1);
        Bundle second = TinyBundles.create(store, 2);
        Duration maxWait = Duration.ofMillis(50);
        createTopics("swap");
        ScorerSettings one = settings("swap", 1, store, first.dir(), maxWait);
        ScorerSettings two = settings("swap", 2, store, first.dir(), maxWait);
        List<String> sent = new ArrayList<>();
        try (ScorerInstance a = ScorerInstance.start(one); ScorerInstance b = ScorerInstance.start(two);
             Clients clients = new Clients(one);
             ScoresReader reader = new ScoresReader(kafka.bootstrapServers(), REGISTRY, "swap.scores", "swap.dlq")) {
            a.awaitReady(READY);
            b.awaitReady(READY);
            assertThat(a.modelId()).contains(first.modelId());

            int leads = 900;
            for (int i = 0; i < leads; i++) {
                MqlEvent lead = Leads.lead("swap-" + i, i, Instant.now());
                clients.sendLead("swap.events", lead);
                sent.add(lead.getLeadId());
                if (i == leads / 3) {
                    clients.sendCommand("swap.control", "swap", ModelAction.DEPLOY, second, 100);
                }
                Thread.sleep(5);
            }
            a.awaitModel(second.modelId(), READY);
            b.awaitModel(second.modelId(), READY);
            reader.awaitAtLeast(leads, 0, Duration.ofMinutes(3));
            reader.drainFor(Duration.ofSeconds(1));

            assertThat(reader.deadLetters).as("nothing is dead-lettered because of a swap").isEmpty();
            assertThat(reader.scores).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sent);
            Map<Integer, List<String>> modelsByPartition = new TreeMap<>();
            for (ConsumerRecord<String, ScoredLead> score : reader.scores) {
                modelsByPartition.computeIfAbsent(score.partition(), p -> new ArrayList<>()).add(score.value().getModelId());
            }
            modelsByPartition.forEach((partition, models) -> {
                List<String> runs = new ArrayList<>(new LinkedHashSet<>(models));
                assertThat(runs).as("model ids of partition %d in order", partition)
                        .isSubsetOf(first.modelId(), second.modelId());
                int switchAt = models.indexOf(second.modelId());
                if (switchAt >= 0) {
                    assertThat(models.subList(switchAt, models.size())).as("partition %d never flips back", partition)
                            .containsOnly(second.modelId());
                    assertThat(models.subList(0, switchAt)).containsOnly(first.modelId());
                }
            });
            assertThat(modelsByPartition.values().stream().flatMap(List::stream).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(first.modelId(), second.modelId());

            Map<String, List<ModelState>> statuses = clients.statuses("swap.status", second.modelId());
            assertThat(statuses).containsOnlyKeys("swap-1", "swap-2");
            statuses.values().forEach(states -> assertThat(states).containsSubsequence(ModelState.LOADING, ModelState.ACTIVE));
        }
    }

    @Test
    void replaysAreIgnoredARestartServesTheDeployedModelAndARollbackReturns() throws Exception {
        Path store = tmp.resolve("models");
        Bundle first = TinyBundles.create(store, 1);
        Bundle second = TinyBundles.create(store, 2);
        createTopics("roll");
        ScorerSettings one = settings("roll", 1, store, first.dir(), Duration.ofMillis(20));
        try (Clients clients = new Clients(one)) {
            ScorerInstance a = ScorerInstance.start(one);
            try {
                a.awaitReady(READY);
                clients.sendCommand("roll.control", "roll", ModelAction.DEPLOY, second, 200);
                a.awaitModel(second.modelId(), READY);

                clients.sendCommand("roll.control", "roll", ModelAction.DEPLOY, first, 100);
                clients.sendCommand("roll.control", "roll", ModelAction.DEPLOY, first, 200);
                BadBundles.Candidate broken = BadBundles.flippedWeightByte(store);
                clients.sendCommand("roll.control", "roll", ModelAction.DEPLOY, broken, 300);
                clients.sendCommand("roll.control", "other-deployment", ModelAction.DEPLOY, first, 400);
                Thread.sleep(1000);
                assertThat(a.modelId()).as("older, replayed, rejected and foreign commands change nothing")
                        .contains(second.modelId());
                assertThat(a.registry.get("leadscorer.model.commands").tag("outcome", "ignored").counter().count())
                        .isEqualTo(2);
                awaitStatus(clients, "roll.status", broken.modelId(), ModelState.REJECTED);
            } finally {
                a.close();
            }

            try (ScorerInstance restarted = ScorerInstance.start(one)) {
                restarted.awaitReady(READY);
                assertThat(restarted.modelId()).as("a restart serves the newest command that loads, not the initial bundle")
                        .contains(second.modelId());

                clients.sendCommand("roll.control", "roll", ModelAction.ROLLBACK, first, 500);
                restarted.awaitModel(first.modelId(), READY);
                clients.sendLead("roll.events", Leads.lead("after-rollback", 1, Instant.now()));
                try (ScoresReader reader = new ScoresReader(kafka.bootstrapServers(), REGISTRY, "roll.scores", "roll.dlq")) {
                    reader.awaitAtLeast(1, 0, Duration.ofMinutes(1));
                    assertThat(reader.scores).singleElement()
                            .satisfies(score -> assertThat(score.value().getModelId()).isEqualTo(first.modelId()));
                }
            }
        }
    }

    private static void awaitStatus(Clients clients, String topic, String modelId, ModelState state) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (clients.statuses(topic, modelId).values().stream().noneMatch(states -> states.contains(state))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + state + " status for " + modelId);
            }
            Thread.sleep(100);
        }
    }

    /** What the tests produce (leads, commands) and read (statuses), as outside clients would. */
    private static final class Clients implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final Serializer<MqlEvent> events;
        private final Serializer<ModelCommand> commands;

        Clients(ScorerSettings settings) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
            events = AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(settings), false).serializer();
            commands = AvroWireSerde.of(ModelCommand.class, ScorerStreamsConfig.serdeConfig(settings), false).serializer();
        }

        void sendLead(String topic, MqlEvent lead) throws Exception {
            producer.send(new ProducerRecord<>(topic, lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                    events.serialize(topic, lead)));
        }

        void sendCommand(String topic, String deployment, ModelAction action, Bundle bundle, long sequence)
                throws Exception {
            send(topic, deployment, action, bundle.modelId(), bundle.dir(), bundle.manifestSha256(), sequence);
        }

        void sendCommand(String topic, String deployment, ModelAction action, BadBundles.Candidate bundle, long sequence)
                throws Exception {
            send(topic, deployment, action, bundle.modelId(), bundle.dir(), bundle.manifestSha256(), sequence);
        }

        private void send(String topic, String deployment, ModelAction action, String modelId, Path dir, String sha,
                          long sequence) throws Exception {
            ModelCommand command = ModelCommand.newBuilder().setAction(action).setModelId(modelId)
                    .setBundleUri(dir.toUri().toString()).setManifestSha256(sha).setSequence(sequence)
                    .setRequestedTime(Instant.now()).setRequestedBy("test").build();
            producer.send(new ProducerRecord<>(topic, deployment.getBytes(StandardCharsets.UTF_8),
                    commands.serialize(topic, command))).get(30, TimeUnit.SECONDS);
        }

        /** Per instance, the states it reported for {@code modelId}, in order. */
        Map<String, List<ModelState>> statuses(String topic, String modelId) {
            AvroWireDeserializer<ModelStatus> values = new AvroWireDeserializer<>(ModelStatus.class);
            values.configure(Map.of(SchemaRegistryConfig.URL, REGISTRY), false);
            Map<String, List<ModelState>> states = new HashMap<>();
            try (KafkaConsumer<String, ModelStatus> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(), values)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                while (consumer.position(partition) < end) {
                    for (ConsumerRecord<String, ModelStatus> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.value().getModelId().equals(modelId)) {
                            states.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value().getState());
                        }
                    }
                }
            }
            return states;
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
