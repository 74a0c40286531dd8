package io.leadscorer.sandbox.faults;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireDeserializer;
import io.leadscorer.schemas.serde.AvroWireSerializer;
import io.leadscorer.simulator.world.MqlWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Faults at the process level: scorer services ({@code ./lead-scorer score}, three unless the plan says otherwise) in
 * one consumer group and a monitor ({@code ./lead-scorer monitor}), each a JVM of its own, against the in-JVM broker(s)
 * and the HTTP Schema Registry, under a steady load of leads on mql.events and, a little later, one LeadOutcome per
 * lead on mql.outcomes. Processes are killed with SIGKILL at random points and started again at once on the same state
 * directory, as a supervisor restarts a crashed service: scorers, each in turn in a random order, some of them while a
 * DEPLOY of the other of two bundles is being taken up, the monitor, and with several brokers one broker stopped
 * abruptly for a while: the transaction coordinator, whose loss every service's exactly-once commits feel. A
 * read_committed reader follows mql.scores and lead-scorer.quality throughout. Recovery is from the fault until every
 * lead produced before it has a committed score (for the monitor: until the quality figures count every outcome sent
 * before it); the next fault comes only then, and once the restarted process runs. At the end every lead must have
 * exactly one score and the models' cumulative labelled counts must add up to the outcomes sent. Then every service is
 * stopped with SIGTERM, as an orchestrator stops it, and the ERROR lines of every log, the stops' included, are
 * reported.
 *
 * <p>The full plan runs as {@code ProcessFaultBenchmark}; {@code ProcessFaultSuiteIntegrationTest} runs a small plan
 * and {@code BrokerLossIntegrationTest} a broker stop alone.
 */
public final class ProcessFaultSuite {

    static final String EVENTS = "mql.events";
    static final String SCORES = "mql.scores";
    static final String OUTCOMES = "mql.outcomes";
    static final String CONTROL = "lead-scorer.control";
    static final String QUALITY = "lead-scorer.quality";
    static final String APPLICATION = "process-faults";
    static final int PARTITIONS = 3;
    /** One partition in the embedded cluster: its leader coordinates every transaction. */
    private static final String TRANSACTION_STATE = "__transaction_state";
    private static final Duration START_GUARD = Duration.ofSeconds(240);
    private static final Duration RECOVERY_GUARD = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    /**
     * What to inject into {@code scorers} scorer processes: scorer kills, of which {@code swapKills} come a random
     * moment after a DEPLOY of the other bundle (spread over the plan), monitor kills, brokers (3 for replication factor
     * 3) and broker stops of {@code brokerDowntime}; the load in leads per second, each lead's outcome
     * {@code outcomeDelay} after it, and a random quiet time of up to {@code settle} before each fault. Transactions
     * time out after 5 s and the brokers abort them every 0.5 s; consumer sessions last 6 s.
     */
    public record Plan(int scorers, int scorerKills, int swapKills, int monitorKills, int brokers, int brokerStops,
                       Duration brokerDowntime, int leadsPerSecond, Duration outcomeDelay, Duration settle, long seed) {

        public Plan {
            if (swapKills > scorerKills) {
                throw new IllegalArgumentException("More kills during a swap than scorer kills");
            }
            if (brokerStops > 0 && brokers < 3) {
                throw new IllegalArgumentException("Broker stops need three brokers");
            }
        }

        /** The test's size: a scorer kill during the swap and a monitor kill, one broker. */
        public static Plan small() {
            return new Plan(3, 1, 1, 1, 1, 0, Duration.ZERO, 15, Duration.ofSeconds(1), Duration.ofSeconds(2), 7);
        }

        /**
         * The benchmark's: 12 SIGKILLs across the three scorers (each killed in turn, in a random order), 3 of them
         * during a hot swap, 3 monitor kills, and the transaction coordinator of three brokers stopped abruptly for
         * 10 s, at 20 leads/s.
         */
        public static Plan full() {
            return new Plan(3, 12, 3, 3, 3, 1, Duration.ofSeconds(10), 20, Duration.ofSeconds(1),
                    Duration.ofSeconds(5), 11);
        }

        /** One scorer and the monitor while the transaction coordinator of three brokers is stopped for 10 s. */
        public static Plan brokerLoss() {
            return new Plan(1, 0, 0, 0, 3, 1, Duration.ofSeconds(10), 15, Duration.ofSeconds(1), Duration.ofSeconds(2),
                    5);
        }

        List<Fault> faults() {
            List<Fault> faults = new ArrayList<>();
            for (int i = 0; i < scorerKills - swapKills; i++) {
                faults.add(Fault.SCORER_KILL);
            }
            for (int i = 0; i < monitorKills; i++) {
                faults.add(Fault.MONITOR_KILL);
            }
            for (int i = 0; i < brokerStops; i++) {
                faults.add(Fault.BROKER_STOP);
            }
            Collections.shuffle(faults, new Random(seed));
            int others = faults.size();
            for (int k = 0; k < swapKills; k++) {
                faults.add((k + 1) * others / (swapKills + 1) + k, Fault.SCORER_KILL_DURING_SWAP);
            }
            return faults;
        }
    }

    /** The kinds of fault. */
    public enum Fault { SCORER_KILL, SCORER_KILL_DURING_SWAP, MONITOR_KILL, BROKER_STOP }

    /**
     * One injected fault: what and whom, when (ms since the load started), what was in flight (leads produced and not
     * yet scored; for the monitor, outcomes sent and not yet counted) and the recovery in ms (-1: not within the guard).
     */
    public record Injection(Fault fault, String target, long atMs, long inFlight, long recoveryMs, long recoveredAtMs) {
    }

    /** What happened to each fault kind's leads, and to the whole run. */
    public record Report(List<Injection> injections, long produced, long scoredDistinct, long lost, long duplicated,
                         Map<Fault, Long> lostByFault, Map<Fault, Long> duplicatedByFault, long outcomesSent,
                         long labelled, Map<String, Long> scoresByModel, String swappedTo, String lastLeadModel,
                         List<String> errorLines, List<String> uncleanStops, Duration wall) {

        public String table() {
            StringBuilder out = new StringBuilder();
            out.append("| fault | injected | in flight at the fault (median, max) | lost | duplicated "
                    + "| recovery median | recovery max |").append(System.lineSeparator());
            out.append("|---|---|---|---|---|---|---|").append(System.lineSeparator());
            for (Fault fault : Fault.values()) {
                List<Injection> of = injections.stream().filter(i -> i.fault() == fault).toList();
                if (of.isEmpty()) {
                    continue;
                }
                List<Long> inFlight = of.stream().map(Injection::inFlight).toList();
                List<Long> recovery = of.stream().map(Injection::recoveryMs).toList();
                boolean monitor = fault == Fault.MONITOR_KILL;
                out.append(String.format(Locale.ROOT, "| %s | %d | %d, %d%s | %s | %s | %.1f s | %.1f s |%n",
                        fault, of.size(), median(inFlight), max(inFlight), monitor ? " outcomes" : " leads",
                        monitor ? outcomesSent - Math.min(labelled, outcomesSent) + " outcomes (whole run)"
                                : Long.toString(lostByFault.getOrDefault(fault, 0L)),
                        monitor ? Math.max(0, labelled - outcomesSent) + " outcomes (whole run)"
                                : Long.toString(duplicatedByFault.getOrDefault(fault, 0L)),
                        median(recovery) / 1000.0, max(recovery) / 1000.0));
            }
            return out.toString();
        }

        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "leads produced %d, scored %d distinct, %d lost, %d duplicated;"
                            + " outcomes sent %d, labelled %d (sum over the models' cumulative figures)%n",
                    produced, scoredDistinct, lost, duplicated, outcomesSent, labelled));
            out.append("scores by model: ").append(scoresByModel).append("; swapped to: ").append(swappedTo)
                    .append("; the last lead's model: ").append(lastLeadModel).append(System.lineSeparator());
            injections.forEach(i -> out.append(String.format(Locale.ROOT, "  %s %s at %.1f s: in flight %d, recovery %.1f s%n",
                    i.fault(), i.target(), i.atMs() / 1000.0, i.inFlight(), i.recoveryMs() / 1000.0)));
            out.append(table());
            out.append("services that did not exit within ").append(STOP_GRACE.toSeconds())
                    .append(" s of SIGTERM: ").append(uncleanStops).append(System.lineSeparator());
            out.append("ERROR lines in the services' logs: ").append(errorLines.size()).append(System.lineSeparator());
            errorLines.stream().limit(20).forEach(line -> out.append("  ").append(line).append(System.lineSeparator()));
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
    private final Path work;
    private final Random random;

    public ProcessFaultSuite(Plan plan, Path work) {
        this.plan = plan;
        this.work = work;
        this.random = new Random(plan.seed());
    }

    public Report run() throws Exception {
        long started = System.nanoTime();
        Path store = Files.createDirectories(work.resolve("models"));
        Bundle first = TinyBundles.create(store, TinyBundles.DEFAULT_SEED);
        Bundle second = TinyBundles.create(store, TinyBundles.DEFAULT_SEED + 1);
        Path logs = Files.createDirectories(work.resolve("logs"));
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(plan.brokers(),
                Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"));
             HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            kafka.createTopic(EVENTS, PARTITIONS);
            kafka.createTopic(SCORES, PARTITIONS);
            kafka.createTopic("mql.scores.shadow", PARTITIONS);
            kafka.createTopic(OUTCOMES, PARTITIONS);
            kafka.createTopic("mql.events.dlq", 1);
            kafka.createTopic("mql.outcomes.dlq", 1);
            kafka.createCompactedTopic(CONTROL, 1);
            kafka.createTopic("lead-scorer.status", 1);
            kafka.createCompactedTopic(QUALITY, 1);

            List<ServiceProcess> scorers = new ArrayList<>();
            for (int slot = 0; slot < plan.scorers(); slot++) {
                scorers.add(scorer(slot, kafka, registry, store, first, logs));
            }
            ServiceProcess monitor = monitor(kafka, registry, store, logs);
            List<ServiceProcess> all = new ArrayList<>(scorers);
            all.add(monitor);
            try (Readers readers = new Readers(kafka.bootstrapServers(), registry.url());
                 Load load = new Load(kafka.bootstrapServers(), registry.url(), plan, random.nextLong())) {
                for (ServiceProcess service : all) {
                    service.start();
                }
                for (ServiceProcess service : all) {
                    if (!service.awaitRunning(START_GUARD)) {
                        throw new IllegalStateException(service.name() + " did not start; its log:\n"
                                + Files.readString(service.log()));
                    }
                }
                System.out.printf(Locale.ROOT, "services running after %d s%n", secondsSince(started));
                readers.start();
                load.start();
                awaitUntil(() -> load.sent() >= plan.leadsPerSecond() && readers.allScored(load, System.nanoTime()),
                        START_GUARD, "the first leads to be scored");

                List<Injection> injections = new ArrayList<>();
                Victims victims = new Victims(scorers, random);
                long sequence = 1;
                String swappedTo = null;
                for (Fault fault : plan.faults()) {
                    Thread.sleep(random.nextInt((int) Math.max(1, plan.settle().toMillis())));
                    ServiceProcess restarted = null;
                    long at;
                    long inFlight;
                    String target;
                    switch (fault) {
                        case SCORER_KILL, SCORER_KILL_DURING_SWAP -> {
                            if (fault == Fault.SCORER_KILL_DURING_SWAP) {
                                Bundle to = sequence % 2 == 1 ? second : first;
                                new Commands(kafka.bootstrapServers(), registry.url()).deploy(to, sequence++);
                                swappedTo = to.modelId();
                                Thread.sleep(random.nextInt(500));
                            }
                            restarted = victims.next();
                            target = restarted.name();
                            at = System.nanoTime();
                            inFlight = readers.unscored(load, at);
                            restarted.kill();
                            restarted.start();
                        }
                        case MONITOR_KILL -> {
                            restarted = monitor;
                            target = monitor.name();
                            at = System.nanoTime();
                            inFlight = Math.max(0, load.outcomesSentBy(at) - readers.labelled());
                            monitor.kill();
                            monitor.start();
                        }
                        case BROKER_STOP -> {
                            int broker = kafka.leaderOf(TRANSACTION_STATE, 0);
                            target = "broker-" + broker + " (transaction coordinator)";
                            at = System.nanoTime();
                            inFlight = readers.unscored(load, at);
                            kafka.stopBroker(broker);
                            Thread.sleep(plan.brokerDowntime().toMillis());
                            kafka.startBroker(broker);
                        }
                        default -> throw new IllegalStateException("Unknown fault " + fault);
                    }
                    long outcomesBefore = load.outcomesSentBy(at);
                    BooleanSupplier recovered = fault == Fault.MONITOR_KILL
                            ? () -> readers.labelled() >= outcomesBefore
                            : () -> readers.allScored(load, at);
                    long recoveredAt = awaitQuietly(recovered, RECOVERY_GUARD);
                    injections.add(new Injection(fault, target, load.msSinceStart(at), inFlight,
                            recoveredAt < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(recoveredAt - at),
                            recoveredAt < 0 ? -1 : load.msSinceStart(recoveredAt)));
                    if (restarted != null && !restarted.awaitRunning(START_GUARD)) {
                        throw new IllegalStateException(restarted.name() + " did not start again; its log:\n"
                                + Files.readString(restarted.log()));
                    }
                    System.out.printf(Locale.ROOT, "%s %s: in flight %d, recovery %d ms; %s running again after %d s%n",
                            fault, target, inFlight, injections.get(injections.size() - 1).recoveryMs(), target,
                            secondsSince(started));
                }

                load.stopLeads();
                awaitQuietly(load::allOutcomesSent, RECOVERY_GUARD);
                long end = System.nanoTime();
                awaitQuietly(() -> readers.allScored(load, end), RECOVERY_GUARD);
                awaitQuietly(() -> readers.labelled() >= load.outcomesSent(), RECOVERY_GUARD);
                // a late duplicate, or a count past the outcomes, would show within a few commits
                Thread.sleep(3_000);

                List<String> uncleanStops = new ArrayList<>();
                for (ServiceProcess service : all) {
                    if (!service.stop(STOP_GRACE)) {
                        uncleanStops.add(service.name());
                    }
                }
                List<String> errors = new ArrayList<>();
                for (ServiceProcess service : all) {
                    errors.addAll(service.errorLines());
                }
                return readers.report(load, injections, swappedTo, errors, uncleanStops,
                        Duration.ofNanos(System.nanoTime() - started));
            } finally {
                for (ServiceProcess service : all) {
                    service.stop(STOP_GRACE);
                }
            }
        }
    }

    private ServiceProcess scorer(int slot, EmbeddedKafkaCluster kafka, HttpSchemaRegistryServer registry, Path store,
                                  Bundle bundle, Path logs) {
        String name = "scorer-" + slot;
        return new ServiceProcess(name, List.of("score",
                "--scorer.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--scorer.registry.url=" + registry.url(),
                "--scorer.application-id=" + APPLICATION,
                "--scorer.instance-id=" + name,
                "--scorer.kafka.state-dir=" + work.resolve("state").resolve(name),
                "--scorer.model.store=" + store,
                "--scorer.model.initial-bundle=" + bundle.dir(),
                "--scorer.kafka.properties.consumer.session.timeout.ms=6000",
                "--scorer.kafka.properties.consumer.heartbeat.interval.ms=1500",
                "--scorer.kafka.properties.producer.transaction.timeout.ms=5000",
                "--scorer.registry.properties.http.connect.timeout.ms=1000",
                "--scorer.registry.properties.http.read.timeout.ms=1000",
                "--micronaut.server.port=-1"), Map.of(), logs);
    }

    private ServiceProcess monitor(EmbeddedKafkaCluster kafka, HttpSchemaRegistryServer registry, Path store, Path logs) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registry.url());
        env.put("MONITOR_APPLICATION_ID", APPLICATION + "-monitor");
        env.put("MONITOR_STATE_DIR", work.resolve("state").resolve("monitor").toString());
        env.put("MONITOR_HTTP_PORT", "-1");
        env.put("MONITOR_QUALITY_REPORT_INTERVAL", "500ms");
        env.put("MONITOR_COMMIT_INTERVAL", "200ms");
        env.put("MONITOR_MODEL_STORE", store.toString());
        return new ServiceProcess("monitor", List.of("monitor",
                "--monitor.kafka.properties.consumer.session.timeout.ms=6000",
                "--monitor.kafka.properties.consumer.heartbeat.interval.ms=1500",
                "--monitor.kafka.properties.producer.transaction.timeout.ms=5000"), env, logs);
    }

    private static long secondsSince(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        if (awaitQuietly(condition, timeout) < 0) {
            throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + what);
        }
    }

    /** When the condition first held (System.nanoTime), or -1 if it did not within the timeout. */
    private static long awaitQuietly(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        return -1;
    }

    /** Which scorer the next kill hits: each in turn, in a new random order every round. */
    private static final class Victims {
        private final List<ServiceProcess> scorers;
        private final Random random;
        private final List<ServiceProcess> round = new ArrayList<>();

        Victims(List<ServiceProcess> scorers, Random random) {
            this.scorers = scorers;
            this.random = random;
        }

        ServiceProcess next() {
            if (round.isEmpty()) {
                round.addAll(scorers);
                Collections.shuffle(round, random);
            }
            return round.remove(0);
        }
    }

    /** What an operator's tool sends: a DEPLOY command for this deployment on the control topic. */
    private static final class Commands {
        private final String bootstrap;
        private final String registryUrl;

        Commands(String bootstrap, String registryUrl) {
            this.bootstrap = bootstrap;
            this.registryUrl = registryUrl;
        }

        void deploy(Bundle bundle, long sequence) throws Exception {
            AvroWireSerializer<ModelCommand> commands = new AvroWireSerializer<>();
            commands.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
            ModelCommand command = ModelCommand.newBuilder().setAction(ModelAction.DEPLOY).setModelId(bundle.modelId())
                    .setBundleUri(bundle.dir().toUri().toString()).setManifestSha256(bundle.manifestSha256())
                    .setSequence(sequence).setRequestedTime(Instant.now()).setRequestedBy("process-fault-suite").build();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(CONTROL, APPLICATION.getBytes(StandardCharsets.UTF_8),
                        commands.serialize(CONTROL, command))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The load: leads at a steady rate, each remembered with the time its send was acknowledged, and each lead's
     * outcome (converted or not, at random) once {@code outcomeDelay} has passed.
     */
    static final class Load implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final AvroWireSerializer<MqlEvent> events = new AvroWireSerializer<>();
        private final AvroWireSerializer<LeadOutcome> outcomes = new AvroWireSerializer<>();
        private final Plan plan;
        private final Random random;
        private final MqlWorld world;
        /** Lead ids in the order their sends were acknowledged, with the acknowledgement time. */
        private final List<String> leads = new CopyOnWriteArrayList<>();
        private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
        private final List<Long> outcomeAcks = new CopyOnWriteArrayList<>();
        private final AtomicLong outcomesDue = new AtomicLong();
        private final AtomicBoolean producing = new AtomicBoolean(true);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile long startNanos;

        Load(String bootstrap, String registryUrl, Plan plan, long seed) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            events.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
            outcomes.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
            this.plan = plan;
            this.random = new Random(seed);
            this.world = MqlWorld.create(seed);
            this.thread = new Thread(this::produce, "process-fault-load");
            thread.setDaemon(true);
        }

        void start() {
            startNanos = System.nanoTime();
            thread.start();
        }

        private void produce() {
            long interval = TimeUnit.SECONDS.toNanos(1) / plan.leadsPerSecond();
            long next = System.nanoTime();
            List<long[]> pending = new ArrayList<>(); // {due, index} of outcomes not yet sent
            Map<Long, MqlEvent> pendingEvents = new HashMap<>();
            long index = 0;
            while (running.get() && (producing.get() || !pending.isEmpty())) {
                long now = System.nanoTime();
                if (producing.get() && now >= next) {
                    MqlEvent event = world.lead(index).event();
                    String id = "lead-" + index;
                    event.setLeadId(id);
                    event.setEventTime(Instant.now());
                    producer.send(new ProducerRecord<>(EVENTS, id, events.serialize(EVENTS, event)), (metadata, e) -> {
                        if (e == null) {
                            ackedAt.put(id, System.nanoTime());
                            leads.add(id);
                        }
                    });
                    pending.add(new long[] {now + plan.outcomeDelay().toNanos(), index});
                    pendingEvents.put(index, event);
                    outcomesDue.incrementAndGet();
                    index++;
                    next += interval;
                }
                while (!pending.isEmpty() && pending.get(0)[0] <= now) {
                    long lead = pending.remove(0)[1];
                    MqlEvent event = pendingEvents.remove(lead);
                    LeadOutcome outcome = LeadOutcome.newBuilder().setLeadId(event.getLeadId())
                            .setConverted(random.nextDouble() < 0.3)
                            .setOutcomeTime(event.getEventTime().plus(Duration.ofHours(1)))
                            .setSource("process-fault-suite").build();
                    producer.send(new ProducerRecord<>(OUTCOMES, event.getLeadId(),
                            outcomes.serialize(OUTCOMES, outcome)), (metadata, e) -> {
                        if (e == null) {
                            outcomeAcks.add(System.nanoTime());
                        }
                    });
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
            producer.flush();
        }

        void stopLeads() {
            producing.set(false);
        }

        long sent() {
            return leads.size();
        }

        List<String> leads() {
            return leads;
        }

        long ackedAt(String lead) {
            return ackedAt.get(lead);
        }

        boolean allOutcomesSent() {
            return !producing.get() && outcomeAcks.size() >= outcomesDue.get() && !thread.isAlive();
        }

        long outcomesSent() {
            return outcomeAcks.size();
        }

        long outcomesSentBy(long nanos) {
            return outcomeAcks.stream().filter(t -> t <= nanos).count();
        }

        long msSinceStart(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos - startNanos);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** read_committed readers of the scores and of the quality figures, from the beginning of each topic. */
    static final class Readers implements AutoCloseable {
        private final String bootstrap;
        private final String registryUrl;
        private final Map<String, Long> firstScore = new ConcurrentHashMap<>();
        private final Map<String, String> modelOf = new ConcurrentHashMap<>();
        private final Map<String, Integer> extraScores = new ConcurrentHashMap<>();
        private final Map<String, Long> scoresByModel = new ConcurrentHashMap<>();
        private final Map<String, Long> labelledByModel = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Readers(String bootstrap, String registryUrl) {
            this.bootstrap = bootstrap;
            this.registryUrl = registryUrl;
        }

        void start() {
            threads.add(new Thread(this::readScores, "process-fault-scores"));
            threads.add(new Thread(this::readQuality, "process-fault-quality"));
            threads.forEach(thread -> {
                thread.setDaemon(true);
                thread.start();
            });
        }

        private KafkaConsumer<String, byte[]> consumer(String topic) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        }

        private void readScores() {
            AvroWireDeserializer<ScoredLead> values = new AvroWireDeserializer<>(ScoredLead.class);
            values.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
            try (KafkaConsumer<String, byte[]> consumer = consumer(SCORES)) {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        ScoredLead score = values.deserialize(record.topic(), record.headers(), record.value());
                        scoresByModel.merge(score.getModelId(), 1L, Long::sum);
                        if (firstScore.putIfAbsent(record.key(), System.nanoTime()) == null) {
                            modelOf.put(record.key(), score.getModelId());
                        } else {
                            extraScores.merge(record.key(), 1, Integer::sum);
                        }
                    }
                }
            }
        }

        private void readQuality() {
            AvroWireDeserializer<ModelQuality> values = new AvroWireDeserializer<>(ModelQuality.class);
            values.configure(Map.of(SchemaRegistryConfig.URL, registryUrl), false);
            try (KafkaConsumer<String, byte[]> consumer = consumer(QUALITY)) {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.key() != null && record.key().endsWith("@all") && record.value() != null) {
                            ModelQuality quality = values.deserialize(record.topic(), record.headers(), record.value());
                            labelledByModel.put(quality.getModelId(), quality.getLabelled());
                        }
                    }
                }
            }
        }

        /** Whether every lead acknowledged by {@code nanos} has a committed score. */
        boolean allScored(Load load, long nanos) {
            return unscored(load, nanos) == 0;
        }

        long unscored(Load load, long nanos) {
            return load.leads().stream().filter(id -> load.ackedAt(id) <= nanos && !firstScore.containsKey(id)).count();
        }

        long labelled() {
            return labelledByModel.values().stream().mapToLong(Long::longValue).sum();
        }

        Report report(Load load, List<Injection> injections, String swappedTo, List<String> errors,
                      List<String> uncleanStops, Duration wall) {
            Map<Fault, Long> lostByFault = new EnumMap<>(Fault.class);
            Map<Fault, Long> duplicatedByFault = new EnumMap<>(Fault.class);
            long lost = 0;
            long duplicated = 0;
            for (String lead : load.leads()) {
                Fault fault = faultOf(injections, load.msSinceStart(load.ackedAt(lead)));
                if (!firstScore.containsKey(lead)) {
                    lost++;
                    if (fault != null) {
                        lostByFault.merge(fault, 1L, Long::sum);
                    }
                }
                int extra = extraScores.getOrDefault(lead, 0);
                if (extra > 0) {
                    duplicated += extra;
                    if (fault != null) {
                        duplicatedByFault.merge(fault, (long) extra, Long::sum);
                    }
                }
            }
            List<String> leads = load.leads();
            String lastModel = leads.isEmpty() ? null : modelOf.get(leads.get(leads.size() - 1));
            return new Report(List.copyOf(injections), leads.size(), firstScore.size(), lost, duplicated, lostByFault,
                    duplicatedByFault, load.outcomesSent(), labelled(), Map.copyOf(scoresByModel), swappedTo, lastModel,
                    errors, List.copyOf(uncleanStops), wall);
        }

        /** The fault a lead acknowledged at {@code atMs} belongs to: the first whose recovery ended after it. */
        private static Fault faultOf(List<Injection> injections, long atMs) {
            long previousEnd = Long.MIN_VALUE;
            for (Injection injection : injections) {
                long end = injection.recoveredAtMs() < 0 ? Long.MAX_VALUE : injection.recoveredAtMs();
                if (atMs > previousEnd && atMs <= end) {
                    return injection.fault();
                }
                previousEnd = end;
            }
            return null;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }
}
