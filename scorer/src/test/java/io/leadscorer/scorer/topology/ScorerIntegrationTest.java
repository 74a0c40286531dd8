package io.leadscorer.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.decode.RecordLimits;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.dlq.DeadLetters;
import io.leadscorer.scorer.health.RunningScorer;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.control.ModelControl;
import io.leadscorer.scorer.control.ModelStatusPublisher;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.LeadScorerFactory;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.runtime.ScorerService;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.ScoresReader;
import io.leadscorer.scorer.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer against a real Kafka broker in the test JVM, exactly-once, with the tiny real model: every lead is scored
 * exactly once and every bad record dead-lettered exactly once, across a plain restart of the streams instance (the
 * buffer left in the local store) and a crash (the buffer restored from its changelog into a fresh state directory);
 * and the service's graceful shutdown scores what is buffered before it closes.
 */
class ScorerIntegrationTest {

    private static final int PARTITIONS = 3;
    private static final int LEADS_PER_PHASE = 100;
    private static final String REGISTRY = "mock://scorer-integration";
    /**
     * Kafka Streams members do not leave the group on close, so a restarted instance waits for the old member's
     * session to expire: the broker's minimum (6 s) instead of the default 45 s keeps the test short.
     */
    private static final Map<String, String> SHORT_SESSIONS = Map.of(
            "consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1500");

    private static EmbeddedKafkaCluster kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafkaCluster.start();
        kafka.createTopic("mql.events", PARTITIONS);
        kafka.createTopic("mql.scores", PARTITIONS);
        kafka.createTopic("mql.events.dlq", 1);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Thrown by the crashing scorer: an Error, so the scorer's per-lead isolation does not catch it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of the scoring thread");
        }
    }

    @Test
    void scoresEveryLeadExactlyOnceAcrossARestartAndACrash() throws Exception {
        Bundle bundle = TinyBundles.create(tmp.resolve("models"));
        ActiveGeneration active = Generations.serving(bundle);
        LeadScorerFactory real = () -> new PredictorLeadScorer(active);
        TestSettings base = TestSettings.withStateDir(tmp.resolve("state-1")).applicationId("scorer-it")
                .bootstrapServers(kafka.bootstrapServers()).registry(REGISTRY)
                .batch(8, Duration.ofMillis(50)).maxValueBytes(4096).kafkaProperties(SHORT_SESSIONS);
        ScorerSettings settings = base.build();

        Map<Integer, List<String>> sentByPartition = new HashMap<>();
        List<String> badKeys = new ArrayList<>();
        try (Producer producer = new Producer(settings);
             ScoresReader reader = new ScoresReader(kafka.bootstrapServers(), REGISTRY, "mql.scores", "mql.events.dlq")) {

            // 1: a plain restart (as on a rebalance): what is buffered stays in the local store and its changelog.
            producer.sendPhase("a", sentByPartition, badKeys);
            Instance first = Instance.start(settings, real);
            reader.awaitAtLeast(40, 0, Duration.ofMinutes(2));
            first.close();

            // 2: a crash of the scoring thread mid-run: the open transaction is aborted, nothing of it is visible.
            producer.sendPhase("b", sentByPartition, badKeys);
            AtomicInteger batches = new AtomicInteger();
            Instance second = Instance.start(settings, () -> new CrashingScorer(real.open(), batches));
            second.awaitState(KafkaStreams.State.ERROR);
            second.close();

            // 3: a new instance with an empty state directory restores the buffer from the changelog and finishes.
            producer.sendPhase("c", sentByPartition, badKeys);
            Instance third = Instance.start(base.stateDir(tmp.resolve("state-2")).build(), real);
            int leads = 3 * LEADS_PER_PHASE;
            reader.awaitAtLeast(leads, badKeys.size(), Duration.ofMinutes(3));
            third.close();
            reader.drainFor(Duration.ofSeconds(2));

            List<String> scoredIds = reader.scores.stream().map(ConsumerRecord::key).toList();
            List<String> sentIds = sentByPartition.values().stream().flatMap(List::stream).toList();
            assertThat(scoredIds).hasSize(leads).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sentIds);
            for (int partition = 0; partition < PARTITIONS; partition++) {
                int p = partition;
                assertThat(reader.scores.stream().filter(r -> r.partition() == p).map(ConsumerRecord::key).toList())
                        .as("scores of partition %d in input order", p)
                        .containsExactlyElementsOf(sentByPartition.getOrDefault(p, List.of()));
            }
            for (ConsumerRecord<String, ScoredLead> record : reader.scores) {
                assertThat(record.value().getModelId()).isEqualTo(bundle.modelId());
                assertThat(record.value().getProbability()).isBetween(0.0, 1.0);
            }
            assertThat(reader.deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(badKeys);
            assertThat(reader.deadLetters).allSatisfy(r -> {
                assertThat(new String(r.headers().lastHeader(DeadLetters.SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                        .isEqualTo("mql.events");
                assertThat(r.headers().lastHeader(DeadLetters.ERROR_REASON)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetters.SOURCE_OFFSET)).isNotNull();
            });
            assertThat(batches.get()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void gracefulShutdownScoresTheBufferedLeadsBeforeTheStreamsClose() throws Exception {
        kafka.createTopic("shutdown.events", 1);
        kafka.createTopic("shutdown.scores", 1);
        kafka.createTopic("shutdown.dlq", 1);
        Bundle bundle = TinyBundles.create(tmp.resolve("models"));
        ActiveGeneration active = Generations.serving(bundle);
        ScorerSettings settings = TestSettings.withStateDir(tmp.resolve("state")).applicationId("scorer-shutdown")
                .topics("shutdown.events", "shutdown.scores", "shutdown.dlq").bootstrapServers(kafka.bootstrapServers())
                .registry(REGISTRY).batch(100, Duration.ofHours(1)).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BufferControl buffers = new BufferControl();
        List<String> sent = new ArrayList<>();
        try (StreamThreadScorers scorers = new StreamThreadScorers(() -> new PredictorLeadScorer(active));
             Producer producer = new Producer(settings);
             ScoresReader reader = new ScoresReader(kafka.bootstrapServers(), REGISTRY, "shutdown.scores", "shutdown.dlq")) {
            ScorerMetrics metrics = new ScorerMetrics(registry);
            ModelStatusPublisher status = ModelControl.statusPublisher(settings, Clock.systemUTC());
            ScorerService service = new ScorerService(settings, scorers, metrics, buffers, Clock.systemUTC(), active,
                    ModelControl.loop(settings, Device.cpu(), active, status, metrics,
                        Clock.systemUTC()), Device.cpu(), registry,
                    RecordLimits.DEFAULTS, new RunningScorer());
            try {
                service.start();
                for (MqlEvent lead : Leads.leads("stop", 5, Instant.now())) {
                    producer.send("shutdown.events", lead.getLeadId(), producer.events.serialize("shutdown.events", lead));
                    sent.add(lead.getLeadId());
                }
                awaitBuffered(buffers, 5);
                reader.drainFor(Duration.ofMillis(300));
                assertThat(reader.scores).as("nothing is scored before the batch fills or an hour passes").isEmpty();
            } finally {
                service.close();
                status.close();
            }

            assertThat(buffers.buffered()).isZero();
            reader.awaitAtLeast(5, 0, Duration.ofMinutes(1));
            reader.drainFor(Duration.ofMillis(500));
            assertThat(reader.scores).extracting(ConsumerRecord::key).containsExactlyElementsOf(sent);
            assertThat(registry.get("leadscorer.batch.size").summary().count()).isEqualTo(1);
        }
    }

    private static void awaitBuffered(BufferControl buffers, long leads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (buffers.buffered() != leads) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + leads + " buffered leads within 2 minutes, have " + buffers.buffered());
            }
            Thread.sleep(20);
        }
    }

    /** A scorer that crashes its thread on the third batch it is given. */
    /**
     * Fails the third batch with an Error from its forward pass, so the stream thread dies when it collects the batch
     * (the pipelined path, as the service runs it).
     */
    private record CrashingScorer(LeadScorer delegate, AtomicInteger batches) implements LeadScorer {
        @Override
        public PendingScores submit(List<MqlEvent> leads) {
            if (batches.incrementAndGet() == 3) {
                PendingScores crashed = new PendingScores();
                crashed.fail(new SimulatedCrash());
                return crashed;
            }
            return delegate.submit(leads);
        }

        @Override
        public ScoredBatch score(List<MqlEvent> leads) {
            return submit(leads).await();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** One scorer instance: the topology and configuration of the service, with its own scorers. */
    private static final class Instance implements AutoCloseable {
        final KafkaStreams streams;
        final StreamThreadScorers scorers;
        final BufferControl buffers = new BufferControl();

        private Instance(ScorerSettings settings, LeadScorerFactory factory) {
            scorers = new StreamThreadScorers(factory);
            streams = new KafkaStreams(ScorerTopology.build(settings, scorers, new ScorerMetrics(new SimpleMeterRegistry()),
                    buffers, Clock.systemUTC()), ScorerStreamsConfig.properties(settings));
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        }

        static Instance start(ScorerSettings settings, LeadScorerFactory factory) {
            Instance instance = new Instance(settings, factory);
            instance.streams.start();
            return instance;
        }

        void awaitState(KafkaStreams.State state) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (streams.state() != state && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(streams.state()).as("streams state after waiting up to 2 minutes").isEqualTo(state);
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(60));
            scorers.close();
        }
    }

    /** Sends leads (keyed by lead id, as platforms do) and bad records, remembering where each lead went. */
    private static final class Producer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        final Serializer<MqlEvent> events;

        Producer(ScorerSettings settings) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                    new ByteArraySerializer(), new ByteArraySerializer());
            events = AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(settings), false).serializer();
        }

        void sendPhase(String phase, Map<Integer, List<String>> sentByPartition, List<String> badKeys) throws Exception {
            Instant now = Instant.now();
            for (int i = 0; i < LEADS_PER_PHASE; i++) {
                MqlEvent lead = Leads.lead(phase + "-" + i, i, now);
                RecordMetadata sent = send("mql.events", lead.getLeadId(), events.serialize("mql.events", lead));
                sentByPartition.computeIfAbsent(sent.partition(), p -> new ArrayList<>()).add(lead.getLeadId());
                if (i % 25 == 7) {
                    String bad = "bad-" + phase + "-" + i;
                    byte[] value = switch (i % 4) {
                        case 0 -> new byte[] {0, 0, 0, 0x7f, 0x7f, 1};
                        case 1 -> "garbage".getBytes(StandardCharsets.UTF_8);
                        case 2 -> new byte[5000];
                        default -> events.serialize("mql.events", Leads.lead("", i, now));
                    };
                    send("mql.events", bad, value);
                    badKeys.add(bad);
                }
            }
            producer.flush();
        }

        RecordMetadata send(String topic, String key, byte[] value) throws Exception {
            return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
