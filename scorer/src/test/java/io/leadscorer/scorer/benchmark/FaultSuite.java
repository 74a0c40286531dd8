package io.leadscorer.scorer.benchmark;

import ai.djl.Device;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.batch.InputGate;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.control.ControlLoop;
import io.leadscorer.scorer.control.ModelControl;
import io.leadscorer.scorer.control.ModelStatusPublisher;
import io.leadscorer.scorer.decode.RecordLimits;
import io.leadscorer.scorer.dlq.DeadLetters;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.runtime.StreamThreadFailureHandler;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.TestSettings;
import io.leadscorer.scorer.topology.ScorerTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The fault suite of BENCHMARKS.md ("Reliability"): one scorer instance (exactly-once, the tiny real model, the
 * service's topology, input gate, record limits, stream-thread failure policy and control loop) against the in-JVM
 * broker and a Schema Registry over real HTTP, under a steady load of good leads with a corpus of poison records mixed
 * in, while faults are injected one after the other: scorer crashes (a stream thread killed mid-batch by an Error, so
 * nothing of its open transaction is committed, and whole instances closed without draining, restarted on an empty
 * state directory so their buffers come back from the changelog), broker restarts (the broker and its controller
 * stopped for some seconds and started again on the same port and log directories), model swaps (DEPLOY commands on
 * the control topic, alternating between two bundles, as an operator sends them) and a registry outage (every request
 * answered 503 while producers move to a new schema version the scorer has not seen). A read_committed reader counts
 * what came out. Each fault's recovery time is from the fault (for an outage, a restart and the swaps: from their
 * end) until the scorer has caught up: every lead produced before it is accounted for and a lead produced after it is
 * scored (after an instance crash: after the new instance is running, since the old one's threads may still score
 * while they stop). The next fault comes only after that.
 */
public final class FaultSuite {

    static final String INPUT = "mql.events";
    static final String SCORES = "mql.scores";
    static final String DLQ = "mql.events.dlq";
    static final String CONTROL = "lead-scorer.control";
    static final String STATUS = "lead-scorer.status";
    static final String APPLICATION = "fault-suite";
    static final int PARTITIONS = 3;
    static final String ID_HEADER = "suite.id";
    private static final Duration SWAP_EVERY = Duration.ofMillis(500);
    private static final Map<String, String> SHORT_SESSIONS = Map.of(
            "consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1500");

    /**
     * How much of each fault (crashes, alternately of a thread and an instance; broker restarts and how long the
     * broker stays down; model swaps; the registry outage), and the load: good leads per second, and quiet time
     * before each fault. With {@code
     * shortTransactions} the scorer's transaction timeout is 5 s (registry calls 1 s + 1 s, to stay under half of it)
     * and the broker aborts timed-out transactions every 500 ms: a crashed thread's open transaction blocks
     * read_committed readers of its partitions until it is aborted, so these two bound the recovery time. Without
     * it, Kafka's defaults apply (10 s under exactly-once, checked every 10 s).
     */
    public record Plan(int crashes, int brokerRestarts, Duration brokerDowntime, int modelSwaps, Duration registryOutage,
                       int leadsPerSecond, Duration settle, boolean shortTransactions) {

        Map<String, String> brokerProperties() {
            return shortTransactions ? Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500")
                    : Map.of();
        }

        Map<String, String> scorerKafkaProperties() {
            Map<String, String> properties = new java.util.HashMap<>(SHORT_SESSIONS);
            if (shortTransactions) {
                properties.put("producer.transaction.timeout.ms", "5000");
            }
            return properties;
        }
    }

    /** The kinds of fault, in the order the suite injects them. */
    enum Fault { THREAD_CRASH, INSTANCE_CRASH, BROKER_RESTART, MODEL_SWAPS, REGISTRY_OUTAGE }

    /** The model swaps: command-to-active time of each, and the generations open before each next swap and at the end. */
    public record Swaps(List<Long> toActiveMs, int mostOpenGenerations, int openGenerationsAtEnd) {

        static final Swaps NONE = new Swaps(List.of(), 0, 0);
    }

    /** What came out, counted by the reader, and how long each fault took to recover from. */
    public record Report(long producedGood, Map<String, Integer> producedPoisonByKind, long scoredDistinct,
                         long duplicateScores, long lost, long goodInDlq, Map<String, Long> dlqByReason,
                         List<String> poisonMisrouted, Map<Fault, List<Long>> recoveryMs, boolean pausedDuringOutage,
                         long deadLettersDuringOutage, Swaps swaps, Map<String, Integer> streamThreadFailures,
                         Map<String, Integer> rebalances, Duration wall) {

        long poisonProduced() {
            return producedPoisonByKind.values().stream().mapToLong(Integer::longValue).sum();
        }

        String summary() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "produced: %d good leads, %d poison records of %d kinds%n",
                    producedGood, poisonProduced(), producedPoisonByKind.size()));
            out.append(String.format(Locale.ROOT, "scored: %d distinct, %d duplicated, %d lost; good leads in the DLQ: %d%n",
                    scoredDistinct, duplicateScores, lost, goodInDlq));
            out.append("dead letters by reason: ").append(dlqByReason).append(System.lineSeparator());
            out.append("poison not in the DLQ with its reason: ").append(poisonMisrouted).append(System.lineSeparator());
            recoveryMs.forEach((fault, times) -> out.append(String.format(Locale.ROOT,
                    "%s x%d: recovery median %d ms, max %d ms%s%n", fault, times.size(), median(times), max(times),
                    times.size() <= 5 ? " " + times : "")));
            if (!swaps.toActiveMs().isEmpty()) {
                out.append(String.format(Locale.ROOT, "model swaps: %d, command to active median %d ms, max %d ms; "
                                + "generations open before each next swap at most %d, at the end %d%n",
                        swaps.toActiveMs().size(), median(swaps.toActiveMs()), max(swaps.toActiveMs()),
                        swaps.mostOpenGenerations(), swaps.openGenerationsAtEnd()));
            }
            if (recoveryMs.containsKey(Fault.REGISTRY_OUTAGE)) {
                out.append(String.format(Locale.ROOT, "registry outage: input paused %s, dead letters during it %d%n",
                        pausedDuringOutage ? "yes" : "no", deadLettersDuringOutage));
            }
            out.append("stream threads failed, by fault and exception: ").append(streamThreadFailures)
                    .append(System.lineSeparator());
            out.append("streams rebalances, by fault: ").append(rebalances).append(System.lineSeparator());
            out.append(String.format(Locale.ROOT, "wall time %d s%n", wall.toSeconds()));
            return out.toString();
        }

        private static long median(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        }

        private static long max(List<Long> values) {
            return values.stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    private final Plan plan;
    private final Path workDir;
    private final AtomicInteger stateDirs = new AtomicInteger();
    private final Map<String, Integer> streamThreadFailures = new ConcurrentHashMap<>();
    private final Map<String, Integer> rebalances = new ConcurrentHashMap<>();
    private volatile Fault phase;

    public FaultSuite(Plan plan, Path workDir) {
        this.plan = plan;
        this.workDir = workDir;
    }

    public Report run() throws Exception {
        long start = System.nanoTime();
        Path store = workDir.resolve("models");
        Bundle first = TinyBundles.create(store, 1);
        Bundle second = TinyBundles.create(store, 2);
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(plan.brokerProperties());
             HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            kafka.createTopic(INPUT, PARTITIONS);
            kafka.createTopic(SCORES, PARTITIONS);
            kafka.createTopic(DLQ, 1);
            kafka.createCompactedTopic(CONTROL, 1);
            kafka.createTopic(STATUS, 1);
            TestSettings settings = TestSettings.withStateDir(workDir.resolve("state-0")).applicationId(APPLICATION)
                    .instanceId(APPLICATION + "-1").bootstrapServers(kafka.bootstrapServers()).registry(registry.url())
                    .controlTopics(CONTROL, STATUS).store(store).bundle(first.dir())
                    .batch(16, Duration.ofMillis(50)).kafkaProperties(plan.scorerKafkaProperties())
                    .registryProperties(plan.shortTransactions()
                            ? Map.of("http.connect.timeout.ms", "1000", "http.read.timeout.ms", "1000") : Map.of());
            Map<Fault, List<Long>> recovery = new TreeMap<>();
            try (Load load = new Load(kafka.bootstrapServers(), registry, plan.leadsPerSecond());
                 Outputs outputs = new Outputs(kafka.bootstrapServers(), registry.url());
                 Commands commands = new Commands(kafka.bootstrapServers(), registry.url())) {
                outputs.follow(load);
                Instance instance = new Instance(nextStateDir(settings));
                load.start();
                outputs.awaitScoreOfLeadSentAfter(0, Duration.ofMinutes(2));
                for (int crash = 0; crash < plan.crashes(); crash++) {
                    load.sendPoison();
                    Thread.sleep(plan.settle().toMillis());
                    long faultAt = System.nanoTime();
                    Fault fault = crash % 2 == 0 ? Fault.THREAD_CRASH : Fault.INSTANCE_CRASH;
                    phase = fault;
                    long recoveredAt;
                    if (fault == Fault.THREAD_CRASH) {
                        instance.crashNextBatch();
                        recoveredAt = outputs.awaitCaughtUp(load, faultAt, Duration.ofMinutes(3));
                    } else {
                        instance.closeAbruptly();
                        instance = new Instance(nextStateDir(settings));
                        // the old instance's threads may still score while they stop: recovered is the new one
                        // running, caught up, and scoring a lead sent after it joined
                        long runningAt = instance.awaitRunning(Duration.ofMinutes(3));
                        recoveredAt = Math.max(outputs.awaitCaughtUp(load, faultAt, Duration.ofMinutes(3)),
                                outputs.awaitScoreOfLeadSentAfter(runningAt, Duration.ofMinutes(3)));
                    }
                    recovery.computeIfAbsent(fault, f -> new ArrayList<>()).add((recoveredAt - faultAt) / 1_000_000);
                }
                for (int restart = 0; restart < plan.brokerRestarts(); restart++) {
                    load.sendPoison();
                    Thread.sleep(plan.settle().toMillis());
                    phase = Fault.BROKER_RESTART;
                    kafka.stopNode();
                    Thread.sleep(plan.brokerDowntime().toMillis());
                    kafka.startNode();
                    long backAt = System.nanoTime();
                    long recoveredAt = outputs.awaitCaughtUp(load, backAt, Duration.ofMinutes(3));
                    recovery.computeIfAbsent(Fault.BROKER_RESTART, f -> new ArrayList<>())
                            .add((recoveredAt - backAt) / 1_000_000);
                }
                Swaps swaps = Swaps.NONE;
                if (plan.modelSwaps() > 0) {
                    load.sendPoison();
                    Thread.sleep(plan.settle().toMillis());
                    phase = Fault.MODEL_SWAPS;
                    swaps = swapModels(instance, commands, first, second);
                    long lastActiveAt = System.nanoTime();
                    long recoveredAt = outputs.awaitCaughtUp(load, lastActiveAt, Duration.ofMinutes(3));
                    recovery.computeIfAbsent(Fault.MODEL_SWAPS, f -> new ArrayList<>())
                            .add((recoveredAt - lastActiveAt) / 1_000_000);
                    swaps = new Swaps(swaps.toActiveMs(), swaps.mostOpenGenerations(), instance.openGenerations());
                }
                boolean paused = false;
                long deadLettersBefore = outputs.deadLetterCount();
                if (!plan.registryOutage().isZero()) {
                    load.sendPoison();
                    Thread.sleep(plan.settle().toMillis());
                    int v2 = registry.registry().register(INPUT + "-value", Load.V2);
                    long faultAt = System.nanoTime();
                    phase = Fault.REGISTRY_OUTAGE;
                    registry.outage(true);
                    load.useSchemaV2(v2);
                    long end = faultAt + plan.registryOutage().toNanos();
                    while (System.nanoTime() < end) {
                        paused |= instance.buffers.inputPaused();
                        Thread.sleep(20);
                    }
                    registry.outage(false);
                    long outageEnd = System.nanoTime();
                    long recoveredAt = outputs.awaitCaughtUp(load, faultAt, Duration.ofMinutes(3));
                    recovery.computeIfAbsent(Fault.REGISTRY_OUTAGE, f -> new ArrayList<>())
                            .add(Math.max(0, recoveredAt - outageEnd) / 1_000_000);
                }
                long deadLettersDuringOutage = outputs.goodDeadLettersSince(deadLettersBefore, load);
                load.sendPoison();
                load.stop();
                outputs.awaitAllAccountedFor(load, Duration.ofMinutes(3));
                outputs.drainFor(Duration.ofSeconds(2));
                instance.close();
                return report(load, outputs, recovery, paused, deadLettersDuringOutage, swaps,
                        new TreeMap<>(streamThreadFailures), new TreeMap<>(rebalances), System.nanoTime() - start);
            }
        }
    }

    /**
     * DEPLOY commands on the control topic, alternating between the second and the first bundle, one every
     * {@link #SWAP_EVERY} (or once the previous one is active, if later); each is timed from its sending until the
     * instance serves a new generation of its model. The generations open are read before each next command.
     */
    private Swaps swapModels(Instance instance, Commands commands, Bundle first, Bundle second) throws Exception {
        List<Long> toActive = new ArrayList<>();
        int mostOpen = 0;
        for (int swap = 1; swap <= plan.modelSwaps(); swap++) {
            Bundle target = swap % 2 == 1 ? second : first;
            long before = instance.generation();
            long sentAt = System.nanoTime();
            commands.deploy(target, swap);
            instance.awaitGeneration(before, target.modelId(), Duration.ofMinutes(1));
            long activeAt = System.nanoTime();
            toActive.add((activeAt - sentAt) / 1_000_000);
            long next = sentAt + SWAP_EVERY.toNanos();
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            mostOpen = Math.max(mostOpen, instance.openGenerations());
        }
        return new Swaps(toActive, mostOpen, -1);
    }

    private ScorerSettings nextStateDir(TestSettings settings) {
        return settings.stateDir(workDir.resolve("state-" + stateDirs.incrementAndGet())).build();
    }

    private static Report report(Load load, Outputs outputs, Map<Fault, List<Long>> recovery, boolean paused,
                                 long deadLettersDuringOutage, Swaps swaps, Map<String, Integer> threadFailures,
                                 Map<String, Integer> rebalances, long wallNanos) {
        long duplicates = outputs.scoreCounts.values().stream().mapToLong(c -> c - 1).sum();
        long lost = load.good.keySet().stream().filter(id -> !outputs.scoreCounts.containsKey(id)).count();
        long goodInDlq = load.good.keySet().stream().filter(outputs.deadLetterReasons::containsKey).count();
        List<String> misrouted = new ArrayList<>();
        load.poison.forEach((id, expected) -> {
            List<String> reasons = outputs.deadLetterReasons.getOrDefault(id, List.of());
            if (!reasons.equals(List.of(expected))) {
                misrouted.add(id + " expected " + expected + " got " + reasons);
            }
        });
        Collections.sort(misrouted);
        Map<String, Long> byReason = outputs.deadLetterReasons.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
        Map<String, Integer> poisonByKind = new TreeMap<>();
        load.poison.keySet().forEach(id -> poisonByKind.merge(id.split(":")[1], 1, Integer::sum));
        return new Report(load.good.size(), poisonByKind, outputs.scoreCounts.size(), duplicates, lost, goodInDlq,
                byReason, misrouted, recovery, paused, deadLettersDuringOutage, swaps, threadFailures, rebalances,
                Duration.ofNanos(wallNanos));
    }

    /** Thrown by a scorer armed to crash: an Error, so the processor's failure handling does not catch it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of the scoring thread");
        }
    }

    /** The fault being injected or recovered from, for counting what the streams went through; "start" before any. */
    private String phaseName() {
        Fault now = phase;
        return now == null ? "start" : now.name();
    }

    /**
     * One scorer instance as the service builds it (topology, streams settings, input gate, stream-thread failure
     * policy, control loop with its own generations and status publisher), with a scorer that can be armed to crash
     * its thread. Stream-thread failures and rebalances are counted by the fault they happened in.
     */
    private final class Instance implements AutoCloseable {
        final BufferControl buffers = new BufferControl();
        private final AtomicBoolean crashArmed = new AtomicBoolean();
        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        private final ActiveGeneration active = new ActiveGeneration();
        private final StreamThreadScorers scorers;
        private final ModelStatusPublisher status;
        private final ControlLoop control;
        private final KafkaStreams streams;
        private final InputGate gate;

        Instance(ScorerSettings settings) throws InterruptedException {
            ScorerMetrics metrics = new ScorerMetrics(meters);
            scorers = new StreamThreadScorers(() -> new CrashableScorer(new PredictorLeadScorer(active), crashArmed));
            status = ModelControl.statusPublisher(settings, Clock.systemUTC());
            control = ModelControl.loop(settings, Device.cpu(), active, status, metrics,
                        Clock.systemUTC());
            streams = new KafkaStreams(ScorerTopology.build(settings, RecordLimits.DEFAULTS, scorers, metrics, buffers,
                    Clock.systemUTC()), ScorerStreamsConfig.properties(settings));
            StreamThreadFailureHandler policy = StreamThreadFailureHandler.standard(Clock.systemUTC());
            streams.setUncaughtExceptionHandler(failure -> {
                streamThreadFailures.merge(phaseName() + " " + failure.getClass().getSimpleName(), 1, Integer::sum);
                return policy.handle(failure);
            });
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.REBALANCING) {
                    rebalances.merge(phaseName(), 1, Integer::sum);
                }
            });
            gate = InputGate.standard(buffers, streams);
            control.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (active.current().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No model active a minute after the instance started");
                }
                Thread.sleep(10);
            }
            streams.start();
            gate.start();
        }

        void crashNextBatch() {
            crashArmed.set(true);
        }

        long generation() {
            return active.current().map(Generation::number).orElse(-1L);
        }

        /** Waits until a generation other than {@code before}, of {@code modelId}, is active. */
        void awaitGeneration(long before, String modelId, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Generation now = active.current().orElse(null);
                if (now != null && now.number() != before && now.modelId().equals(modelId)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Model " + modelId + " not active " + timeout + " after its command");
                }
                Thread.sleep(2);
            }
        }

        /** Waits until the streams are RUNNING (tasks assigned, restored); returns when that was seen. */
        long awaitRunning(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Streams " + streams.state() + ", not RUNNING, after " + timeout);
                }
                Thread.sleep(10);
            }
            return System.nanoTime();
        }

        int openGenerations() {
            return (int) meters.get("leadscorer.model.generations.open").gauge().value();
        }

        /**
         * Closed at once, without draining the buffers: they stay in the changelog for the next instance, which
         * starts at once. The model and the clients are closed once the old threads have stopped, in the background.
         */
        void closeAbruptly() {
            control.close();
            gate.close();
            streams.close(Duration.ZERO);
            Thread closer = new Thread(() -> {
                streams.close(Duration.ofSeconds(60));
                closeModel();
            }, "fault-suite-closer");
            closer.setDaemon(true);
            closer.start();
        }

        private void closeModel() {
            scorers.close();
            active.close();
            status.close();
        }

        @Override
        public void close() {
            control.close();
            gate.close();
            streams.close(Duration.ofSeconds(60));
            closeModel();
        }
    }

    /**
     * Crashes the stream thread when the next batch is submitted, while the batch before it may still be running its
     * forward pass: the pipelined path, as the service runs it.
     */
    private record CrashableScorer(LeadScorer delegate, AtomicBoolean armed) implements LeadScorer {
        @Override
        public PendingScores submit(List<MqlEvent> leads) {
            if (armed.compareAndSet(true, false)) {
                throw new SimulatedCrash();
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

    /** What an operator's tool sends: DEPLOY commands for this deployment on the control topic. */
    private static final class Commands implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final Serializer<ModelCommand> commands;

        Commands(String bootstrapServers, String registryUrl) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
            commands = AvroWireSerde.of(ModelCommand.class, Map.of("schema.registry.url", registryUrl), false).serializer();
        }

        void deploy(Bundle bundle, long sequence) throws Exception {
            ModelCommand command = ModelCommand.newBuilder().setAction(ModelAction.DEPLOY).setModelId(bundle.modelId())
                    .setBundleUri(bundle.dir().toUri().toString()).setManifestSha256(bundle.manifestSha256())
                    .setSequence(sequence).setRequestedTime(Instant.now()).setRequestedBy("fault-suite").build();
            producer.send(new ProducerRecord<>(CONTROL, APPLICATION.getBytes(StandardCharsets.UTF_8),
                    commands.serialize(CONTROL, command))).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** The steady load of good leads, and the poison corpus on request; remembers every id and when it was sent. */
    static final class Load implements AutoCloseable {

        /** MqlEvent as a producer's next version writes it: one more optional field at the end. */
        static final Schema V2;

        static {
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field field : MqlEvent.getClassSchema().getFields()) {
                fields.add(new Schema.Field(field, field.schema()));
            }
            fields.add(new Schema.Field("campaign", Schema.create(Schema.Type.STRING), "added in v2", ""));
            V2 = Schema.createRecord("MqlEvent", null, "io.leadscorer.avro", false, fields);
        }

        final Map<String, Long> good = new ConcurrentHashMap<>();
        final Map<String, String> poison = new ConcurrentHashMap<>();
        private final KafkaProducer<byte[], byte[]> producer;
        private final Serializer<MqlEvent> events;
        private final HttpSchemaRegistryServer registry;
        private final int leadsPerSecond;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicInteger poisonRound = new AtomicInteger();
        private volatile int v2SchemaId = -1;
        private Thread thread;

        Load(String bootstrapServers, HttpSchemaRegistryServer registry, int leadsPerSecond) {
            this.registry = registry;
            this.leadsPerSecond = leadsPerSecond;
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000),
                    new ByteArraySerializer(), new ByteArraySerializer());
            // the producers' own registry client, with default timeouts: the scorer's are what is under test
            events = AvroWireSerde.of(MqlEvent.class, Map.of("schema.registry.url", registry.url()), false).serializer();
            events.serialize(INPUT, Leads.lead("warm-up", 0, Instant.now())); // registers v1 before the load starts
        }

        void start() {
            running.set(true);
            thread = new Thread(this::produce, "fault-suite-load");
            thread.setDaemon(true);
            thread.start();
        }

        private void produce() {
            long intervalNanos = 1_000_000_000L / leadsPerSecond;
            long next = System.nanoTime();
            while (running.get()) {
                String id = "good-" + sequence.getAndIncrement();
                MqlEvent lead = Leads.lead(id, (int) (sequence.get() % 97), Instant.now());
                byte[] value = v2SchemaId < 0 ? events.serialize(INPUT, lead) : asV2(lead, v2SchemaId);
                good.put(id, System.nanoTime());
                send(id.getBytes(StandardCharsets.UTF_8), value, id, List.of());
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }

        /** Producers move to schema v2 (registered, but new to the scorer): the v1 bytes plus the new field. */
        void useSchemaV2(int schemaId) {
            v2SchemaId = schemaId;
        }

        private byte[] asV2(MqlEvent lead, int schemaId) {
            byte[] v1 = events.serialize(INPUT, lead);
            byte[] campaign = "spring".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(schemaId >>> 24);
            out.write(schemaId >>> 16);
            out.write(schemaId >>> 8);
            out.write(schemaId);
            out.write(v1, 5, v1.length - 5);
            out.write(campaign.length * 2); // Avro zig-zag varint of the string length (< 64)
            out.write(campaign, 0, campaign.length);
            return out.toByteArray();
        }

        /** One of each poison kind, with the dead-letter reason each must get. */
        void sendPoison() throws IOException {
            int round = poisonRound.incrementAndGet();
            MqlEvent lead = Leads.lead("poison", round, Instant.now());
            byte[] valid = events.serialize(INPUT, lead);
            Map<String, PoisonRecord> corpus = new java.util.LinkedHashMap<>();
            corpus.put("null-value", new PoisonRecord(null, "undecodable"));
            corpus.put("bad-magic-byte", new PoisonRecord(new byte[] {1, 0, 0, 0, 1, 2, 3}, "undecodable"));
            corpus.put("too-short", new PoisonRecord(new byte[] {0, 0}, "undecodable"));
            corpus.put("unknown-schema-id", new PoisonRecord(withSchemaId(valid, 987_654), "unknown_schema"));
            corpus.put("truncated", new PoisonRecord(Arrays.copyOf(valid, valid.length / 2), "undecodable"));
            corpus.put("trailing-garbage", new PoisonRecord(Arrays.copyOf(valid, valid.length + 3), "undecodable"));
            corpus.put("blank-lead-id", new PoisonRecord(events.serialize(INPUT, Leads.lead(" ", round, Instant.now())),
                    "missing_lead_id"));
            corpus.put("value-too-large", new PoisonRecord(new byte[70_000], "value_too_large"));
            corpus.put("huge-length-prefix", new PoisonRecord(withTail(Arrays.copyOf(valid, 5),
                    new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}), "undecodable"));
            corpus.put("incompatible-writer-schema", new PoisonRecord(incompatible(round), "undecodable"));
            corpus.put("null-array-bomb", new PoisonRecord(nullArrayBomb(lead), "undecodable"));
            for (Map.Entry<String, PoisonRecord> entry : corpus.entrySet()) {
                String id = "poison:" + entry.getKey() + ":" + round;
                poison.put(id, entry.getValue().reason());
                send(id.getBytes(StandardCharsets.UTF_8), entry.getValue().value(), id, List.of());
            }
            String keyId = "poison:key-too-large:" + round;
            poison.put(keyId, "key_too_large");
            send(new byte[2048], valid, keyId, List.of());
            String headersId = "poison:too-many-headers:" + round;
            poison.put(headersId, "headers_too_large");
            List<Header> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                many.add(new RecordHeader("h" + i, new byte[] {1}));
            }
            send(headersId.getBytes(StandardCharsets.UTF_8), valid, headersId, many);
            String bigHeaderId = "poison:header-bytes:" + round;
            poison.put(bigHeaderId, "headers_too_large");
            send(bigHeaderId.getBytes(StandardCharsets.UTF_8), valid, bigHeaderId,
                    List.of(new RecordHeader("big", new byte[20_000])));
        }

        private record PoisonRecord(byte[] value, String reason) {
        }

        private static byte[] withSchemaId(byte[] valid, int id) {
            byte[] copy = valid.clone();
            copy[1] = (byte) (id >>> 24);
            copy[2] = (byte) (id >>> 16);
            copy[3] = (byte) (id >>> 8);
            copy[4] = (byte) id;
            return copy;
        }

        private static byte[] withTail(byte[] head, byte[] tail) {
            byte[] joined = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, joined, head.length, tail.length);
            return joined;
        }

        /** A writer schema whose lead_id is an int: the registry holds it, but it cannot be read as an MqlEvent. */
        private byte[] incompatible(int round) {
            Schema writer = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"MqlEvent\",\"namespace\":"
                    + "\"io.leadscorer.avro\",\"fields\":[{\"name\":\"lead_id\",\"type\":\"int\"}]}");
            int id = registry.registry().register("fault-suite-incompatible-value", writer);
            return withTail(withSchemaId(new byte[5], id), new byte[] {(byte) (round * 2)});
        }

        /** MqlEvent plus a skipped array of nulls whose blocks claim 2^62 items: a decoder loop bomb. */
        private byte[] nullArrayBomb(MqlEvent lead) throws IOException {
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field field : MqlEvent.getClassSchema().getFields()) {
                fields.add(new Schema.Field(field, field.schema()));
            }
            fields.add(new Schema.Field("nulls", Schema.createArray(Schema.create(Schema.Type.NULL))));
            Schema writer = Schema.createRecord("MqlEvent", null, "io.leadscorer.avro", false, fields);
            int id = registry.registry().register("fault-suite-bomb-value", writer);
            byte[] v1 = events.serialize(INPUT, lead);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(withSchemaId(Arrays.copyOf(v1, 5), id));
            out.write(v1, 5, v1.length - 5);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            for (int block = 0; block < 4; block++) {
                encoder.writeLong(1L << 62);
            }
            encoder.writeLong(0);
            encoder.flush();
            return out.toByteArray();
        }

        private void send(byte[] key, byte[] value, String id, List<Header> extraHeaders) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
            extraHeaders.forEach(headers::add);
            producer.send(new ProducerRecord<>(INPUT, null, key, value, headers));
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            producer.flush();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            producer.close();
        }
    }

    /** Reads scores and dead letters as a sales tool would (read_committed), counting each lead id and reason. */
    static final class Outputs implements AutoCloseable {
        final Map<String, Integer> scoreCounts = new ConcurrentHashMap<>();
        final Map<String, List<String>> deadLetterReasons = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> deadLetterOrder = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>();
        private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Deserializer<ScoredLead> scored;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong lastRecordNanos = new AtomicLong(System.nanoTime());
        private final Thread thread;
        private volatile Load load;

        Outputs(String bootstrapServers, String registryUrl) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4_000_000),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(SCORES, p));
            }
            partitions.add(new TopicPartition(DLQ, 0));
            consumer.assign(partitions);
            scored = AvroWireSerde.of(ScoredLead.class, Map.of("schema.registry.url", registryUrl), false).deserializer();
            thread = new Thread(this::read, "fault-suite-outputs");
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    lastRecordNanos.set(now);
                    if (record.topic().equals(SCORES)) {
                        String id = scored.deserialize(SCORES, record.value()).getLeadId();
                        scoreCounts.merge(id, 1, Integer::sum);
                        firstArrival.putIfAbsent(id, now);
                        Load source = load;
                        Long sentAt = source == null ? null : source.good.get(id);
                        if (sentAt != null) {
                            arrivals.add(new long[] {sentAt, now});
                        }
                    } else {
                        Header id = record.headers().lastHeader(ID_HEADER);
                        Header reason = record.headers().lastHeader(DeadLetters.ERROR_REASON);
                        String key = id == null ? "(no id)" : new String(id.value(), StandardCharsets.UTF_8);
                        deadLetterReasons.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
                        deadLetterOrder.add(key);
                    }
                }
            }
        }

        /** Waits for the first score of a lead sent after {@code sentAfterNanos}; returns when it arrived. */
        long awaitScoreOfLeadSentAfter(long sentAfterNanos, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                long first = Long.MAX_VALUE;
                for (long[] arrival : arrivals) {
                    if (arrival[0] > sentAfterNanos) {
                        first = Math.min(first, arrival[1]);
                    }
                }
                if (first != Long.MAX_VALUE) {
                    return first;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("No lead sent after the fault was scored within " + timeout);
        }

        /**
         * Waits until the scorer has caught up after a fault at {@code faultNanos}: every good lead sent before it is
         * accounted for (scored or dead-lettered) and a lead sent after it is scored; returns when that was seen.
         */
        long awaitCaughtUp(Load load, long faultNanos, Duration timeout) throws InterruptedException {
            awaitScoreOfLeadSentAfter(faultNanos, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                boolean caughtUp = load.good.entrySet().stream().filter(sent -> sent.getValue() <= faultNanos)
                        .allMatch(sent -> scoreCounts.containsKey(sent.getKey())
                                || deadLetterReasons.containsKey(sent.getKey()));
                if (caughtUp) {
                    return System.nanoTime();
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("Leads sent before the fault are still not scored after " + timeout);
        }

        long deadLetterCount() {
            return deadLetterOrder.size();
        }

        /** Dead letters of good leads among those that arrived after the first {@code skip}. */
        long goodDeadLettersSince(long skip, Load load) {
            return deadLetterOrder.stream().skip(skip).filter(load.good::containsKey).count();
        }

        void awaitAllAccountedFor(Load load, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                boolean goodDone = load.good.keySet().stream().allMatch(id -> scoreCounts.containsKey(id)
                        || deadLetterReasons.containsKey(id));
                boolean poisonDone = load.poison.keySet().stream().allMatch(deadLetterReasons::containsKey);
                if (goodDone && poisonDone) {
                    return;
                }
                Thread.sleep(100);
            }
        }

        void drainFor(Duration quiet) throws InterruptedException {
            while (System.nanoTime() - lastRecordNanos.get() < quiet.toNanos()) {
                Thread.sleep(50);
            }
        }

        void follow(Load source) {
            this.load = source;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(10));
            consumer.close();
        }
    }
}
