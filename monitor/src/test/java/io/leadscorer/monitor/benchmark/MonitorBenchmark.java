package io.leadscorer.monitor.benchmark;

import io.leadscorer.avro.LeadOutcome;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.embedded.CpuUsage;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.model.bundle.BundleWriter;
import io.leadscorer.monitor.config.MonitorSettings;
import io.leadscorer.monitor.config.MonitorStreamsConfig;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.label.LeadState;
import io.leadscorer.monitor.label.LeadStateSerde;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.monitor.quality.QualityAccumulator;
import io.leadscorer.monitor.quality.QualityFigures;
import io.leadscorer.monitor.quality.ScopeKey;
import io.leadscorer.monitor.topology.MonitorTopology;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.schemas.testing.ApplicationYml;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.convert.ConversionService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The monitor benchmark of BENCHMARKS.md ("Monitor"), in one JVM with the in-JVM KRaft broker and an in-process
 * registry. Two runs, after a warm-up run of N/5 leads: N leads scored by one model, then N leads scored by two
 * models each; every lead gets an outcome. Scores and outcomes are produced before the monitor starts, with the
 * lead's event time and the outcome's time as record times (outcomes 1 minute to 1 hour after their lead), so that
 * the monitor meets them interleaved as it does live and most outcomes find their lead outside the store's cache.
 * The monitor topology then runs with the settings of its application.yml (exactly_once_v2, one stream thread,
 * commit interval 1 s; no model references, so no drift figures). Measured per run:
 * <ul>
 *   <li>inputs (scores + outcomes) per second from RUNNING until every model's cumulative figures rest on N labels
 *       (polled from the quality store; the ModelQuality written at the next report is checked too), also from the
 *       moment a tenth of the model facts had reached those figures (past the start-up), and per core-second of CPU
 *       from RUNNING: of the whole process (the broker's threads included) and of the stream thread alone;</li>
 *   <li>state per (lead, model), every lead still held (outcomes label a lead; it is kept until its horizon and grace
 *       have passed): the serialized key and value bytes of the leads and lead-expiry stores, and, for information,
 *       the state directory's size on disk after a clean close.</li>
 * </ul>
 * Run from the repository root, after {@code ./mvnw -B -ntp -q install -DskipTests}:
 * <pre>./mvnw -B -ntp -q -pl monitor exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=io.leadscorer.monitor.benchmark.MonitorBenchmark [-Dn=100000] [-Dpartitions=4]</pre>
 * {@code n}: leads per run (default 100,000); {@code partitions}: partitions of the scores and outcomes (default 4).
 */
public final class MonitorBenchmark {

    private static final String REGISTRY = "mock://monitor-benchmark";
    private static final long SEED = 7;
    private static final long LEAD_SPACING_MS = 100;
    private static final long MIN_OUTCOME_DELAY_MS = Duration.ofMinutes(1).toMillis();
    private static final long MAX_OUTCOME_DELAY_MS = Duration.ofHours(1).toMillis();
    private static final double THRESHOLD = 0.3;
    private static final double STATE_GOAL_BYTES = 200;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final double BUSY_MACHINE_CORES = 0.25;

    private final EmbeddedKafkaCluster kafka;
    private final Path work;
    private final int partitions;

    private MonitorBenchmark(EmbeddedKafkaCluster kafka, Path work, int partitions) {
        this.kafka = kafka;
        this.work = work;
        this.partitions = partitions;
    }

    /** The figures of one run. */
    private record Run(int models, int leads, long inputs, double seconds, double steadyRate, double processCpu,
                       double streamThreadCpu, long leadsEntries, long leadsBytes, long expiryEntries, long expiryBytes,
                       long stateDirBytes, long leadStoresOnDisk, String cpu, double otherProcesses, String check) {

        long pairs() {
            return (long) leads * models;
        }

        double statePerPair() {
            return (leadsBytes + expiryBytes) / (double) pairs();
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("n", 100_000);
        int partitions = Integer.getInteger("partitions", 4);
        Path work = Files.createTempDirectory("monitor-benchmark");
        MonitorSettings defaults = defaultSettings(Map.of());
        System.out.printf(Locale.ROOT, "%d leads per run, %d partitions, %s, %d stream thread(s), commit interval %d ms,"
                        + " %d cores, heap %d MiB%n", n, partitions, defaults.kafka().processingGuarantee(),
                defaults.kafka().numStreamThreads(), defaults.kafka().commitInterval().toMillis(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<Run> runs = new ArrayList<>();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
            MonitorBenchmark benchmark = new MonitorBenchmark(kafka, work, partitions);
            benchmark.run("warm-up", 1, Math.max(1, n / 5));
            runs.add(benchmark.run("m1", 1, n));
            runs.add(benchmark.run("m2", 2, n));
        } finally {
            deleteTree(work);
        }
        System.out.println();
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "%d model(s): CPU cores while processing: %s%n", run.models, run.cpu);
            System.out.printf(Locale.ROOT, "%d model(s): state: leads %d entries, %.1f B each; lead-expiry %d entries,"
                            + " %.1f B each; on disk %.1f MiB (the leads and lead-expiry stores %.1f MiB); %s%n",
                    run.models, run.leadsEntries, run.leadsBytes / (double) run.leadsEntries, run.expiryEntries,
                    run.expiryBytes / (double) run.expiryEntries, run.stateDirBytes / 1048576.0,
                    run.leadStoresOnDisk / 1048576.0, run.check);
        }
        double others = runs.stream().mapToDouble(Run::otherProcesses).filter(v -> !Double.isNaN(v)).max().orElse(0);
        if (others > BUSY_MACHINE_CORES) {
            System.out.printf(Locale.ROOT, "WARNING: other processes used up to %.2f cores during a run; the machine "
                    + "was not quiet and these figures are not representative.%n", others);
        }
        System.out.println();
        System.out.println("| models per lead | leads | inputs (scores + outcomes) | seconds | inputs/s "
                + "| inputs/s after the first 10% | inputs per process core-s | inputs per stream-thread core-s "
                + "| stream thread cores | state B per (lead, model) | on disk B per (lead, model) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.0f | %.0f | %.0f | %.0f | %.2f | %.1f | %.1f |%n",
                    run.models, run.leads, run.inputs, run.seconds, run.inputs / run.seconds, run.steadyRate,
                    run.inputs / run.processCpu, run.inputs / run.streamThreadCpu, run.streamThreadCpu / run.seconds,
                    run.statePerPair(), run.stateDirBytes / (double) run.pairs());
        }
        double worst = runs.stream().mapToDouble(Run::statePerPair).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "target: state <= %.0f B per (lead, model) in the leads and lead-expiry stores:"
                + " %.1f B (%s)%n", STATE_GOAL_BYTES, worst, worst <= STATE_GOAL_BYTES ? "met" : "MISSED");
        System.out.println("command: ./mvnw -B -ntp -q -pl monitor exec:java -Dexec.classpathScope=test "
                + "-Dexec.mainClass=" + MonitorBenchmark.class.getName() + " -Dn=" + n + " -Dpartitions=" + partitions);
    }

    private Run run(String name, int models, int leads) throws Exception {
        String applicationId = "bench-monitor-" + name;
        Path stateDir = work.resolve("state-" + name);
        MonitorSettings settings = defaultSettings(Map.ofEntries(
                Map.entry("application-id", applicationId),
                Map.entry("topics.scores", name + ".mql.scores"),
                Map.entry("topics.shadow-scores", name + ".mql.scores.shadow"),
                Map.entry("topics.outcomes", name + ".mql.outcomes"),
                Map.entry("topics.events", name + ".mql.events"),
                Map.entry("topics.quality", name + ".quality"),
                Map.entry("topics.dead-letter", name + ".mql.outcomes.dlq"),
                Map.entry("topics.control", name + ".control"),
                Map.entry("topics.scorer-dead-letter", name + ".mql.events.dlq"),
                Map.entry("kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("kafka.state-dir", stateDir.toString()),
                Map.entry("registry.url", REGISTRY),
                Map.entry("model-store", work.resolve("no-models").toString())));
        MonitorSettings.Topics topics = settings.topics();
        kafka.createTopic(topics.scores(), partitions);
        kafka.createTopic(topics.shadowScores(), partitions);
        kafka.createTopic(topics.outcomes(), partitions);
        kafka.createTopic(topics.events(), partitions);
        kafka.createTopic(topics.deadLetter(), 1);
        kafka.createTopic(topics.scorerDeadLetter(), 1);
        kafka.createCompactedTopic(topics.quality(), 1);
        kafka.createCompactedTopic(topics.control(), 1);

        List<String> modelIds = new ArrayList<>();
        for (int m = 1; m <= models; m++) {
            modelIds.add(modelId(m));
        }
        long produceStart = System.nanoTime();
        long positives = produce(settings, modelIds, leads);
        long inputs = (long) leads * models + leads;
        System.out.printf(Locale.ROOT, "%s, %d model(s): produced %d scores and %d outcomes (%d positive) in %.1f s%n",
                name, models, (long) leads * models, leads, positives, (System.nanoTime() - produceStart) / 1e9);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, ModelQuality> written = new ConcurrentHashMap<>();
        KafkaStreams streams = new KafkaStreams(MonitorTopology.build(settings, ModelReferences.NONE,
                new MonitorMetrics(registry), Clock.systemUTC(), quality -> {
                    if (quality.getScope() == QualityScope.CUMULATIVE) {
                        written.put(quality.getModelId(), quality);
                    }
                }), MonitorStreamsConfig.properties(settings));
        try {
            streams.start();
            awaitRunning(streams);
            CpuUsage start = CpuUsage.snapshot();
            Progress progress = awaitLabelled(streams, modelIds, leads, inputs, registry);
            CpuUsage end = CpuUsage.snapshot();
            Predicate<String> streamThread = thread -> thread.startsWith(applicationId + "-")
                    && thread.matches(".*-StreamThread-\\d+");
            double seconds = end.secondsSince(start);
            System.out.printf(Locale.ROOT, "%s, %d model(s): %d inputs in %.1f s from RUNNING: %.0f inputs/s, %.0f/s "
                            + "after the first 10%%; the lead-keyed half had counted every input after %.1f s%n", name,
                    models, inputs, seconds, inputs / seconds, progress.steadyRate, progress.joinedSeconds);

            ReadOnlyKeyValueStore<String, LeadState> leadStore = store(streams, MonitorTopology.LEADS_STORE);
            ReadOnlyKeyValueStore<Bytes, byte[]> expiryStore = store(streams, MonitorTopology.EXPIRY_STORE);
            LeadStateSerde serde = new LeadStateSerde();
            long[] leadStates = sizes(leadStore, key -> key.getBytes(StandardCharsets.UTF_8).length,
                    value -> serde.serialize(null, value).length);
            long[] expiries = sizes(expiryStore, key -> key.get().length, value -> value.length);

            String check = check(written, modelIds, leads, positives, settings.quality().reportInterval(), registry);
            streams.close(Duration.ofSeconds(60));
            return new Run(models, leads, inputs, seconds, progress.steadyRate, end.processSecondsSince(start),
                    end.threadSecondsSince(start, streamThread), leadStates[0], leadStates[1], expiries[0], expiries[1],
                    sizeOnDisk(stateDir, path -> true), sizeOnDisk(stateDir, MonitorBenchmark::inLeadStores),
                    end.since(start, thread -> streamThread.test(thread) ? "monitor stream thread" : null),
                    end.otherProcessesSince(start), check);
        } finally {
            streams.close(Duration.ofSeconds(60));
        }
    }

    /**
     * Sends every lead's scores (one per model, in lead order) and its outcome (at its own time, merged in), keyed by
     * lead id; returns how many leads converted.
     */
    private long produce(MonitorSettings settings, List<String> modelIds, int leads) {
        Map<String, Object> serdeConfig = MonitorStreamsConfig.serdeConfig(settings);
        Serializer<ScoredLead> scores = AvroWireSerde.of(ScoredLead.class, serdeConfig, false).serializer();
        Serializer<LeadOutcome> outcomes = AvroWireSerde.of(LeadOutcome.class, serdeConfig, false).serializer();
        String scoreTopic = settings.topics().scores();
        String outcomeTopic = settings.topics().outcomes();
        Random random = new Random(SEED);
        long first = System.currentTimeMillis() - leads * LEAD_SPACING_MS - MAX_OUTCOME_DELAY_MS;
        PriorityQueue<LeadOutcome> due = new PriorityQueue<>(Comparator.comparing(LeadOutcome::getOutcomeTime));
        long positives = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < leads; i++) {
                String leadId = "lead-" + SEED + "-" + i;
                byte[] key = leadId.getBytes(StandardCharsets.UTF_8);
                Instant eventTime = Instant.ofEpochMilli(first + i * LEAD_SPACING_MS);
                while (!due.isEmpty() && !due.peek().getOutcomeTime().isAfter(eventTime)) {
                    send(producer, outcomeTopic, outcomes, due.poll());
                }
                double logit = random.nextGaussian() * 1.5 - 1.5;
                for (String modelId : modelIds) {
                    double probability = 1 / (1 + Math.exp(-(logit + 0.5 * random.nextGaussian())));
                    ScoredLead score = ScoredLead.newBuilder().setLeadId(leadId).setModelId(modelId)
                            .setProbability(probability).setThreshold(THRESHOLD).setLabel(probability >= THRESHOLD)
                            .setEventTime(eventTime).setScoredTime(eventTime.plusMillis(50)).build();
                    producer.send(new ProducerRecord<>(scoreTopic, null, eventTime.toEpochMilli(), key,
                            scores.serialize(scoreTopic, score)));
                }
                boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
                positives += converted ? 1 : 0;
                long delay = MIN_OUTCOME_DELAY_MS + (long) (random.nextDouble() * (MAX_OUTCOME_DELAY_MS - MIN_OUTCOME_DELAY_MS));
                due.add(LeadOutcome.newBuilder().setLeadId(leadId).setConverted(converted)
                        .setOutcomeTime(eventTime.plusMillis(delay)).setSource("benchmark").build());
            }
            while (!due.isEmpty()) {
                send(producer, outcomeTopic, outcomes, due.poll());
            }
            producer.flush();
        }
        return positives;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Serializer<LeadOutcome> outcomes,
                             LeadOutcome outcome) {
        producer.send(new ProducerRecord<>(topic, null, outcome.getOutcomeTime().toEpochMilli(),
                outcome.getLeadId().getBytes(StandardCharsets.UTF_8), outcomes.serialize(topic, outcome)));
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("The monitor is " + streams.state() + ", not RUNNING");
            }
            Thread.sleep(5);
        }
    }

    /** How the two halves of the topology got through the inputs. */
    private record Progress(double steadyRate, double joinedSeconds) {
    }

    /**
     * Until the cumulative sums of every model in the quality store rest on all the leads' labels. Also returns the
     * inputs per second from the moment a tenth of the model facts had reached those sums (past the start-up), and
     * when the lead-keyed half had counted every input (its facts then still on their way through the repartition
     * topic to the quality half).
     */
    private static Progress awaitLabelled(KafkaStreams streams, List<String> modelIds, int leads, long inputs,
                                          SimpleMeterRegistry registry) throws InterruptedException {
        Duration limit = STARTUP_TIMEOUT.plusSeconds(Math.max(60, inputs / 200));
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        long facts = 2L * leads * modelIds.size();
        long tenthAt = 0;
        double tenthDone = 0;
        double joinedSeconds = Double.NaN;
        while (true) {
            if (!streams.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("The monitor stopped: " + streams.state());
            }
            if (Double.isNaN(joinedSeconds) && registry.find("leadscorer.monitor.inputs").counters().stream()
                    .mapToDouble(Counter::count).sum() >= inputs) {
                joinedSeconds = (System.nanoTime() - started) / 1e9;
            }
            long least = Long.MAX_VALUE;
            long reached = 0;
            try {
                ReadOnlyKeyValueStore<String, QualityAccumulator> quality = store(streams, MonitorTopology.QUALITY_STORE);
                for (String modelId : modelIds) {
                    QualityAccumulator sums = quality.get(ScopeKey.cumulative(modelId).key());
                    QualityFigures figures = sums == null ? null : sums.figures();
                    least = Math.min(least, figures == null ? 0 : figures.labelled());
                    reached += figures == null ? 0 : figures.scored() + figures.labelled();
                }
            } catch (InvalidStateStoreException rebalancing) {
                least = 0;
            }
            long now = System.nanoTime();
            if (tenthAt == 0 && reached >= facts / 10) {
                tenthAt = now;
                tenthDone = reached / (double) facts;
            }
            if (least >= leads) {
                double steady = tenthAt == 0 || now == tenthAt ? Double.NaN
                        : inputs * (1 - tenthDone) / ((now - tenthAt) / 1e9);
                return new Progress(steady, joinedSeconds);
            }
            if (now > deadline) {
                throw new IllegalStateException("Only " + least + " of " + leads + " labels within " + limit);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Whether the ModelQuality written at the next report agrees with what was produced, and what the inputs became. */
    private static String check(Map<String, ModelQuality> written, List<String> modelIds, int leads, long positives,
                         Duration reportInterval, SimpleMeterRegistry registry) throws InterruptedException {
        long deadline = System.nanoTime() + reportInterval.plusSeconds(10).toNanos();
        List<String> wrong = new ArrayList<>();
        while (true) {
            wrong.clear();
            for (String modelId : modelIds) {
                ModelQuality quality = written.get(modelId);
                if (quality == null || quality.getLabelled() != leads || quality.getScored() != leads
                        || quality.getPositives() != positives) {
                    wrong.add(modelId + ": " + (quality == null ? "nothing written" : "labelled "
                            + quality.getLabelled() + ", scored " + quality.getScored() + ", positives "
                            + quality.getPositives()));
                }
            }
            if (wrong.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        Map<String, Long> results = new TreeMap<>();
        for (Counter counter : registry.find("leadscorer.monitor.inputs").counters()) {
            results.merge(counter.getId().getTag("kind") + " " + counter.getId().getTag("result"),
                    (long) counter.count(), Long::sum);
        }
        return (wrong.isEmpty() ? "written figures check: labelled, scored and positives as produced"
                : "WARNING: written figures disagree: " + String.join("; ", wrong)) + "; inputs: " + results;
    }

    private static <K, V> ReadOnlyKeyValueStore<K, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }

    /** Entries and serialized key + value bytes of a store. */
    private static <K, V> long[] sizes(ReadOnlyKeyValueStore<K, V> store, Function<K, Integer> keyBytes,
                                       Function<V, Integer> valueBytes) {
        long entries = 0;
        long bytes = 0;
        try (KeyValueIterator<K, V> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<K, V> entry = all.next();
                entries++;
                bytes += keyBytes.apply(entry.key) + valueBytes.apply(entry.value);
            }
        }
        return new long[] {entries, bytes};
    }

    /** Whether a file of the state directory belongs to the leads or the lead-expiry store (task/rocksdb/store/...). */
    private static boolean inLeadStores(Path file) {
        for (Path part : file) {
            String name = part.toString();
            if (name.equals(MonitorTopology.LEADS_STORE) || name.equals(MonitorTopology.EXPIRY_STORE)) {
                return true;
            }
        }
        return false;
    }

    private static long sizeOnDisk(Path dir, Predicate<Path> counted) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(counted).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model id as the trainer writes one (publish time and the start of a digest). */
    private static String modelId(int number) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(("benchmark-model-" + number)
                .getBytes(StandardCharsets.UTF_8));
        return BundleWriter.newModelId(Instant.now(), digest);
    }

    /**
     * The monitor's settings as its application.yml sets them where no environment variable is set, with
     * {@code overrides} (keys below {@code monitor.}) on top.
     */
    static MonitorSettings defaultSettings(Map<String, String> overrides) {
        ApplicationYml yml = ApplicationYml.fromClassPath();
        Map<String, String> values = new HashMap<>();
        yml.settings().forEach((key, setting) -> {
            if (key.startsWith("monitor.")) {
                values.put(key.substring("monitor.".length()), setting.shownDefault());
            }
        });
        values.putAll(overrides);
        Function<String, String> value = key -> {
            String found = values.get(key);
            if (found == null) {
                throw new IllegalArgumentException("the monitor's application.yml has no monitor." + key);
            }
            return found;
        };
        Function<String, Duration> duration = key -> ConversionService.SHARED.convertRequired(value.apply(key),
                Duration.class);
        return new MonitorSettings(value.apply("application-id"),
                new MonitorSettings.Topics(value.apply("topics.scores"), value.apply("topics.shadow-scores"),
                        value.apply("topics.outcomes"), value.apply("topics.events"), value.apply("topics.quality"),
                        value.apply("topics.dead-letter"), value.apply("topics.control"),
                        value.apply("topics.scorer-dead-letter")),
                new MonitorSettings.Kafka(value.apply("kafka.bootstrap-servers"), value.apply("kafka.security-protocol"),
                        value.apply("kafka.processing-guarantee"), Integer.parseInt(value.apply("kafka.num-stream-threads")),
                        duration.apply("kafka.commit-interval"), value.apply("kafka.state-dir"), Map.of()),
                new MonitorSettings.Registry(value.apply("registry.url"), null, Map.of()),
                new MonitorSettings.Labels(duration.apply("labels.horizon"), duration.apply("labels.grace"),
                        Boolean.parseBoolean(value.apply("labels.implicit-negatives"))),
                new MonitorSettings.Quality(duration.apply("quality.window"), duration.apply("quality.retention"),
                        duration.apply("quality.report-interval")),
                new MonitorSettings.Drift(duration.apply("drift.active-for"),
                        Integer.parseInt(value.apply("drift.sample-every")), Double.parseDouble(value.apply("drift.warn")),
                        Double.parseDouble(value.apply("drift.alarm"))),
                new MonitorSettings.Rollout(value.apply("rollout.deployment"), duration.apply("rollout.evaluate-interval"),
                        RolloutMetric.valueOf(value.apply("rollout.metric")),
                        Long.parseLong(value.apply("rollout.min-labelled")),
                        Long.parseLong(value.apply("rollout.min-positives")),
                        Double.parseDouble(value.apply("rollout.margin")),
                        Double.parseDouble(value.apply("rollout.confidence")), duration.apply("rollout.max-shadow"),
                        duration.apply("rollout.guard"), Double.parseDouble(value.apply("rollout.psi-alarm")),
                        Double.parseDouble(value.apply("rollout.error-rate-alarm"))),
                value.apply("model-store"));
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
