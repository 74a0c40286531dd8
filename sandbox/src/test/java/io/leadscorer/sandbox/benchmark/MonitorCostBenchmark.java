package io.leadscorer.sandbox.benchmark;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.CpuUsage;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.monitor.runtime.MonitorService;
import io.leadscorer.sandbox.LeadScorerLauncher;
import io.leadscorer.sandbox.ScorerInstance;
import io.leadscorer.schemas.registry.SchemaRegistryConfig;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.simulator.world.MqlWorld;
import io.leadscorer.simulator.world.SimulatedLead;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a monitor running in the same JVM costs the scorer (BENCHMARKS.md, "Monitor"): the scorer's steady throughput
 * without and with a monitor beside it, side by side in one run. The JVM holds the in-JVM KRaft broker and registry
 * and a tiny model bundle ({@link TinyBundles}; its reference lets the monitor profile the leads for drift). Each round
 * gets fresh topics and a whole scorer service ({@link ScorerInstance}, batch and wait as its application.yml sets
 * them); half the rounds also a monitor service, started as {@code ./lead-scorer monitor} starts one, with its own
 * defaults. A feeder keeps a window of simulated leads waiting for the scorer, so that it never runs dry, and every
 * score read (read_committed) is answered at once by the lead's outcome: the monitor reads leads, scores and outcomes
 * at the scorer's pace, as it would live. The figure is scores per second after a warm-up. A first round with the
 * monitor warms up both (not counted); then pairs of rounds, one without and one with the monitor, in turn first;
 * monitored / unmonitored is given per pair and as the median of the pairs. The monitor's own cores count the Java
 * threads named after its application id (stream thread, Kafka clients): the broker's work for it, RocksDB's and the
 * collector's threads are not in them.
 * <p>
 * Run from the repository root, after {@code ./mvnw -B -ntp -q install -DskipTests}:
 * <pre>OMP_WAIT_POLICY=PASSIVE PYTORCH_FLAVOR=cpu ./mvnw -B -ntp -q -pl sandbox exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=io.leadscorer.sandbox.benchmark.MonitorCostBenchmark -Dai.djl.offline=true
 *   [-Drounds=3] [-Dwarmup=10] [-Dmeasure=30] [-Dwindow=5000] [-Dpartitions=4]</pre>
 * {@code rounds}: rounds without and as many with the monitor; {@code warmup}, {@code measure}: seconds of each
 * round, from its first score; {@code window}: leads sent and not yet scored; {@code partitions}: of the leads, scores
 * and outcomes.
 */
public final class MonitorCostBenchmark {

    private static final long SIMULATOR_SEED = 42;
    private static final int POOL_SIZE = 4096;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final double GOAL = 0.95;
    private static final double BUSY_MACHINE_CORES = 0.25;

    private final EmbeddedKafkaCluster kafka;
    private final HttpSchemaRegistryServer registry;
    private final Bundle bundle;
    private final Path work;
    private final List<MqlEvent> pool;
    private final boolean[] converted;
    private final Duration warmUp;
    private final Duration measure;
    private final int window;
    private final int partitions;

    private MonitorCostBenchmark(EmbeddedKafkaCluster kafka, HttpSchemaRegistryServer registry, Bundle bundle, Path work,
                                 Duration warmUp, Duration measure, int window, int partitions) {
        this.kafka = kafka;
        this.registry = registry;
        this.bundle = bundle;
        this.work = work;
        this.warmUp = warmUp;
        this.measure = measure;
        this.window = window;
        this.partitions = partitions;
        MqlWorld world = MqlWorld.create(SIMULATOR_SEED);
        this.pool = new ArrayList<>(POOL_SIZE);
        this.converted = new boolean[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            SimulatedLead lead = world.next();
            pool.add(lead.event());
            converted[i] = lead.converted();
        }
    }

    /** One round's figures. */
    private record Round(int number, boolean monitored, double rate, double monitorCores, double scorerStreamCores,
                         String cpu, double otherProcesses) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("warmup", 10));
        Duration measure = Duration.ofSeconds(Integer.getInteger("measure", 30));
        int window = Integer.getInteger("window", 5000);
        int partitions = Integer.getInteger("partitions", 4);
        Path work = Files.createTempDirectory("monitor-cost-benchmark");
        Bundle bundle = TinyBundles.create(work.resolve("models"));
        System.out.printf(Locale.ROOT, "Bundle %s (tiny), %d rounds without and %d with the monitor, warm-up %d s, "
                        + "measured %d s, window %d leads, %d partitions, %d cores, OMP_WAIT_POLICY %s%n",
                bundle.modelId(), rounds, rounds, warmUp.toSeconds(), measure.toSeconds(), window, partitions,
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"));
        List<Round> results = new ArrayList<>();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start();
             HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            MonitorCostBenchmark benchmark = new MonitorCostBenchmark(kafka, registry, bundle, work, warmUp, measure,
                    window, partitions);
            benchmark.round(0, true);
            for (int pair = 0; pair < rounds; pair++) {
                boolean monitoredFirst = pair % 2 == 1;
                Round first = benchmark.round(2 * pair + 1, monitoredFirst);
                Round second = benchmark.round(2 * pair + 2, !monitoredFirst);
                results.add(monitoredFirst ? second : first);
                results.add(monitoredFirst ? first : second);
            }
        } finally {
            deleteTree(work);
        }

        System.out.println();
        for (Round round : results) {
            System.out.printf(Locale.ROOT, "round %d (%s): CPU cores: %s%n", round.number,
                    round.monitored ? "with monitor" : "without", round.cpu);
        }
        double others = results.stream().mapToDouble(Round::otherProcesses).filter(v -> !Double.isNaN(v)).max()
                .orElse(0);
        if (others > BUSY_MACHINE_CORES) {
            System.out.printf(Locale.ROOT, "WARNING: other processes used up to %.2f cores during a round; the machine "
                    + "was not quiet and these figures are not representative.%n", others);
        }
        System.out.println();
        System.out.println("| rounds | scorer leads/s without monitor | scorer leads/s with monitor | with / without "
                + "| monitor's Java threads, cores | scorer stream thread cores without / with |");
        System.out.println("|---|---|---|---|---|---|");
        List<Double> ratios = new ArrayList<>();
        List<Double> monitorCores = new ArrayList<>();
        for (int i = 0; i + 1 < results.size(); i += 2) {
            Round without = results.get(i);
            Round with = results.get(i + 1);
            ratios.add(with.rate / without.rate);
            monitorCores.add(with.monitorCores);
            System.out.printf(Locale.ROOT, "| %d, %d | %.0f | %.0f | %.3f | %.2f | %.2f / %.2f |%n", without.number,
                    with.number, without.rate, with.rate, with.rate / without.rate, with.monitorCores,
                    without.scorerStreamCores, with.scorerStreamCores);
        }
        double ratio = median(ratios);
        System.out.printf(Locale.ROOT, "target: scorer throughput with the monitor >= %.2f x without (median of %d pairs):"
                        + " %.3f (%s); the monitor's threads used %.2f cores (median)%n", GOAL, ratios.size(), ratio,
                ratio >= GOAL ? "met" : "MISSED", median(monitorCores));
        System.out.println("command: OMP_WAIT_POLICY=PASSIVE PYTORCH_FLAVOR=cpu ./mvnw -B -ntp -q -pl sandbox exec:java "
                + "-Dexec.classpathScope=test -Dexec.mainClass=" + MonitorCostBenchmark.class.getName()
                + " -Dai.djl.offline=true -Drounds=" + rounds + " -Dwarmup=" + warmUp.toSeconds() + " -Dmeasure="
                + measure.toSeconds() + " -Dwindow=" + window + " -Dpartitions=" + partitions);
    }

    private Round round(int number, boolean monitored) throws Exception {
        String name = "r" + number;
        String scorerId = "bench-" + name + "-scorer";
        String monitorId = "bench-" + name + "-monitor";
        String leads = name + ".mql.events";
        String scores = name + ".mql.scores";
        String outcomes = name + ".mql.outcomes";
        kafka.createTopic(leads, partitions);
        kafka.createTopic(scores, partitions);
        kafka.createTopic(outcomes, partitions);
        kafka.createTopic(name + ".mql.events.dlq", 1);
        kafka.createTopic(name + ".mql.outcomes.dlq", 1);
        kafka.createCompactedTopic(name + ".control", 1);
        kafka.createTopic(name + ".status", 1);
        kafka.createCompactedTopic(name + ".quality", 1);

        ApplicationContext monitor = null;
        try {
            if (monitored) {
                monitor = LeadScorerLauncher.monitor(
                        "--micronaut.server.port=-1",
                        "--monitor.application-id=" + monitorId,
                        "--monitor.topics.scores=" + scores,
                        "--monitor.topics.outcomes=" + outcomes,
                        "--monitor.topics.events=" + leads,
                        "--monitor.topics.quality=" + name + ".quality",
                        "--monitor.topics.dead-letter=" + name + ".mql.outcomes.dlq",
                        "--monitor.topics.scorer-dead-letter=" + name + ".mql.events.dlq",
                        "--monitor.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--monitor.kafka.state-dir=" + work.resolve("state-" + monitorId),
                        "--monitor.registry.url=" + registry.url(),
                        "--monitor.model-store=" + work.resolve("models"));
                MonitorService service = monitor.getBean(MonitorService.class);
                await(() -> service.state() == KafkaStreams.State.RUNNING, "the monitor is not RUNNING");
            }
            Map<String, Object> properties = new HashMap<>();
            properties.put("micronaut.server.port", -1);
            properties.put("scorer.application-id", scorerId);
            properties.put("scorer.instance-id", scorerId + "-1");
            properties.put("scorer.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("scorer.kafka.state-dir", work.resolve("state-" + scorerId).toString());
            properties.put("scorer.registry.url", registry.url());
            properties.put("scorer.topics.input", leads);
            properties.put("scorer.topics.output", scores);
            properties.put("scorer.topics.dead-letter", name + ".mql.events.dlq");
            properties.put("scorer.topics.control", name + ".control");
            properties.put("scorer.topics.status", name + ".status");
            properties.put("scorer.model.initial-bundle", bundle.dir().toString());
            properties.put("scorer.model.store", work.resolve("models").toString());
            try (ScorerInstance scorer = ScorerInstance.start(scorerId, properties)) {
                await(() -> scorer.streamsState().map(KafkaStreams.State.RUNNING::equals).orElse(false)
                        && scorer.activeModelId().isPresent(), "the scorer is not ready");
                Measured measured = feedAndCount(name, leads, scores, outcomes);
                double seconds = measured.end.secondsSince(measured.start);
                Round round = new Round(number, monitored, measured.scores / seconds,
                        measured.end.threadSecondsSince(measured.start, thread -> thread.contains(monitorId))
                                / seconds,
                        measured.end.threadSecondsSince(measured.start, thread -> thread.contains(scorerId)
                                && thread.matches(".*-StreamThread-\\d+")) / seconds,
                        measured.end.since(measured.start, thread -> group(thread, scorerId, monitorId)),
                        measured.end.otherProcessesSince(measured.start));
                System.out.printf(Locale.ROOT, "round %d (%s%s): %.0f leads/s scored%s%n", number,
                        monitored ? "with monitor" : "without", number == 0 ? ", warm-up" : "", round.rate, monitored
                                ? String.format(Locale.ROOT, "; the monitor's threads used %.2f cores", round.monitorCores)
                                : "");
                return round;
            }
        } finally {
            if (monitor != null) {
                monitor.close();
            }
        }
    }

    /** The scores counted over the measured time, and the CPU snapshots at its ends. */
    private record Measured(long scores, CpuUsage start, CpuUsage end) {
    }

    /**
     * Sends leads while fewer than the window wait for their score, answers every score with its lead's outcome, and
     * counts the scores between the end of the warm-up and the end of the measured time.
     */
    private Measured feedAndCount(String name, String leads, String scores, String outcomes) throws Exception {
        Map<String, Object> serdeConfig = Map.of(SchemaRegistryConfig.URL, registry.url());
        Serializer<MqlEvent> events = AvroWireSerde.of(MqlEvent.class, serdeConfig, false).serializer();
        Serializer<LeadOutcome> outcomeWriter = AvroWireSerde.of(LeadOutcome.class, serdeConfig, false).serializer();
        AtomicLong scored = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 1), new ByteArraySerializer(), new ByteArraySerializer());
             KafkaConsumer<String, ScoredLead> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                     AvroWireSerde.of(ScoredLead.class, serdeConfig, false).deserializer())) {
            consumer.subscribe(List.of(scores));
            Thread feeder = new Thread(() -> {
                long sent = 0;
                while (!stop.get()) {
                    if (sent - scored.get() >= window) {
                        LockSupport.parkNanos(200_000);
                        continue;
                    }
                    MqlEvent lead = MqlEvent.newBuilder(pool.get((int) (sent % POOL_SIZE)))
                            .setLeadId(name + "-" + sent).setEventTime(Instant.now()).build();
                    producer.send(new ProducerRecord<>(leads, key(lead.getLeadId()), events.serialize(leads, lead)));
                    sent++;
                }
            }, "bench-feeder");
            feeder.start();
            try {
                long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
                long measureFrom = 0;
                long measureUntil = 0;
                long countedFrom = 0;
                CpuUsage start = null;
                while (true) {
                    for (ConsumerRecord<String, ScoredLead> record : consumer.poll(Duration.ofMillis(20))) {
                        scored.incrementAndGet();
                        String leadId = record.value().getLeadId();
                        long index = Long.parseLong(leadId.substring(leadId.lastIndexOf('-') + 1));
                        LeadOutcome outcome = LeadOutcome.newBuilder().setLeadId(leadId)
                                .setConverted(converted[(int) (index % POOL_SIZE)]).setOutcomeTime(Instant.now())
                                .setSource("benchmark").build();
                        producer.send(new ProducerRecord<>(outcomes, key(leadId), outcomeWriter.serialize(outcomes, outcome)));
                    }
                    long now = System.nanoTime();
                    if (measureFrom == 0 && scored.get() > 0) {
                        measureFrom = now + warmUp.toNanos();
                        measureUntil = measureFrom + measure.toNanos();
                    }
                    if (measureFrom == 0 && now > deadline) {
                        throw new IllegalStateException("No score within " + STARTUP_TIMEOUT);
                    }
                    if (start == null && measureFrom != 0 && now >= measureFrom) {
                        start = CpuUsage.snapshot();
                        countedFrom = scored.get();
                    }
                    if (start != null && now >= measureUntil) {
                        CpuUsage end = CpuUsage.snapshot();
                        return new Measured(scored.get() - countedFrom, start, end);
                    }
                }
            } finally {
                stop.set(true);
                feeder.join();
            }
        }
    }

    /** The scorer's and the monitor's threads by service (their names hold the application id), others by default. */
    private static String group(String thread, String scorerId, String monitorId) {
        String service = thread.contains(scorerId) ? "scorer " : thread.contains(monitorId) ? "monitor " : null;
        if (service == null) {
            return null;
        }
        String group = CpuUsage.group(thread);
        return service + (group.equals("bench producer") || group.equals("broker") ? "clients" : group);
    }

    private static void await(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " after " + STARTUP_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    private static byte[] key(String leadId) {
        return leadId.getBytes(StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }
}
