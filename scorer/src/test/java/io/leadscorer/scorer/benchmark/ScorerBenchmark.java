package io.leadscorer.scorer.benchmark;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.Devices;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.testing.CompactBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.embedded.CpuUsage;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.testing.TestSettings;
import io.leadscorer.scorer.topology.ScorerTopology;
import io.leadscorer.simulator.world.MqlWorld;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * The scorer pipeline benchmark of BENCHMARKS.md ("Scorer pipeline"). For each batch size it measures, in one JVM
 * with the in-JVM KRaft broker and a compact-size bundle with random weights:
 * <ol>
 *   <li>raw: {@link LeadPredictor#predict} alone on batches of that size (lead text, tokenization, forward pass);</li>
 *   <li>sustained: the scorer topology (exactly-once, one stream thread) draining a backlog, leads/s between 10%
 *       and 100% of the backlog scored as seen by a read_committed consumer;</li>
 *   <li>latency at half the sustained rate: events produced at a steady rate with event time = send time;
 *       p50/p99 from event time to scored time (the {@code leadscorer.latency.end.to.end} metric) and to the moment
 *       a read_committed consumer receives the score (which adds the commit interval).</li>
 * </ol>
 * Each phase also reports the CPU cores used per thread group, the cores used by other processes meanwhile (a run on a
 * busy machine is flagged as not representative), and a sampling profile of the stream thread's wall time (forward
 * pass, EOS commit, tokenizing, state store, ...) that says where the pipeline loses against the raw predictor. The
 * end lists the pipeline's goals (BENCHMARKS.md, "Scorer pipeline"), met or missed.
 * <p>
 * Run (from the repository root; the scorer's upstream modules installed):
 * <pre>PYTORCH_FLAVOR=cpu ./mvnw -B -ntp -o -q -pl scorer test-compile exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=io.leadscorer.scorer.benchmark.ScorerBenchmark -Dai.djl.offline=true [-Dexec.args="50 1,8,32,128"]</pre>
 * Arguments: maximum wait in ms (default 50), the batch sizes (default 1,8,32,128), stream threads (default 1; the
 * input has a partition per stream thread) and runs per batch size (default 3; the table gives the median of each
 * figure). Add {@code -Dai.djl.pytorch.num_threads=1} to run PyTorch's forward pass on one thread (the service's
 * default on 2 cores, {@code scorer.model.intra-op-threads}) and set {@code OMP_WAIT_POLICY=PASSIVE} in the
 * environment (see the header line).
 */
public final class ScorerBenchmark {

    private static final Duration RAW_DURATION = Duration.ofSeconds(4);
    private static final Duration SUSTAINED_TARGET = Duration.ofSeconds(12);
    private static final Duration PACED_DURATION = Duration.ofSeconds(15);
    private static final Duration PACED_WARM_UP = Duration.ofSeconds(3);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    /** Leads the tokenizer is built from: the trainer's sample size, so leads split into as many tokens as in production. */
    private static final int TOKENIZER_LEADS = 48_000;
    /** Leads sent through the predictor and the pipeline, over and over. */
    private static final int POOL_SIZE = 4096;
    private static final long SIMULATOR_SEED = 42;
    /** Cores used by other processes during a measurement above which the run is flagged as not representative. */
    private static final double BUSY_MACHINE_CORES = 0.25;

    private final EmbeddedKafkaCluster kafka;
    private final Bundle bundle;
    private final Device device;
    private final List<MqlEvent> pool;
    private final Path work;
    private final Duration maxWait;
    private final int streamThreads;
    private int runNumber;

    private ScorerBenchmark(EmbeddedKafkaCluster kafka, Bundle bundle, Device device, List<MqlEvent> pool, Path work,
                            Duration maxWait, int streamThreads) {
        this.kafka = kafka;
        this.bundle = bundle;
        this.device = device;
        this.pool = pool;
        this.work = work;
        this.maxWait = maxWait;
        this.streamThreads = streamThreads;
    }

    /** One row of the result table. */
    private record Row(int batch, double raw, double sustained, String sustainedCpu, double pacedRate,
                       long scoredP50, long scoredP99, long visibleP50, long visibleP99, double meanBatch,
                       double meanInferenceMs, double rawBatchMs, String sustainedProfile, String pacedProfile,
                       double mostOtherProcesses) {
    }

    public static void main(String[] args) throws Exception {
        Duration maxWait = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 50);
        int[] batchSizes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 32, 128};
        int streamThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path work = Files.createTempDirectory("scorer-benchmark");
        List<MqlEvent> leads = simulatedLeads(TOKENIZER_LEADS);
        Bundle bundle = CompactBundles.create(work.resolve("models"),
                leads.stream().map(event -> LeadText.of(TextSpec.defaults(), LeadRecord.of(event))).toList());
        List<MqlEvent> pool = List.copyOf(leads.subList(0, POOL_SIZE));
        Device device = Devices.choose("auto");
        System.out.printf("Bundle %s (%s), device %s, max wait %d ms, %d stream thread(s), %d cores, PyTorch intra-op "
                        + "threads %s, OMP_NUM_THREADS %s, OMP_WAIT_POLICY %s; median of %d runs%n",
                bundle.modelId(), bundle.manifest().network(), device, maxWait.toMillis(), streamThreads,
                Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"), runs);
        List<Row> rows = new ArrayList<>();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
            ScorerBenchmark benchmark = new ScorerBenchmark(kafka, bundle, device, pool, work, maxWait, streamThreads);
            for (int batch : batchSizes) {
                List<Row> runsOfBatch = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    runsOfBatch.add(benchmark.run(batch));
                }
                rows.add(median(runsOfBatch));
            }
        }
        System.out.println();
        System.out.println("| batch | raw predictor leads/s | pipeline leads/s (sustained) | pipeline / raw "
                + "| p50 / p99 event->scored ms at half load | p50 / p99 event->visible ms | mean batch at half load "
                + "| inference ms per batch (raw) | p99 bound: max wait + 2 x inference |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %d / %d | %d / %d | %.1f | %.1f | %d ms |%n",
                    row.batch, row.raw, row.sustained, row.sustained / row.raw, row.scoredP50, row.scoredP99,
                    row.visibleP50, row.visibleP99, row.meanBatch, row.rawBatchMs,
                    Math.round(maxWait.toMillis() + 2 * row.rawBatchMs));
        }
        System.out.println();
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "batch %d: half load %.0f leads/s; CPU cores while sustained: %s%n",
                    row.batch, row.pacedRate, row.sustainedCpu);
            System.out.printf(Locale.ROOT, "batch %d: stream thread wall time, sustained: %s%n", row.batch,
                    row.sustainedProfile);
            System.out.printf(Locale.ROOT, "batch %d: stream thread wall time, half load: %s%n", row.batch,
                    row.pacedProfile);
        }
        System.out.println();
        printTargets(rows, maxWait);
        double others = rows.stream().mapToDouble(Row::mostOtherProcesses).max().orElse(0);
        if (others > BUSY_MACHINE_CORES) {
            System.out.printf(Locale.ROOT, "%nWARNING: other processes used up to %.2f cores during a measurement; "
                    + "the machine was not quiet and these figures are not representative.%n", others);
        }
    }

    /**
     * The figures of several runs at one batch size: each the median over the runs (pipeline / raw is the median of
     * the runs' own ratios, so raw and pipeline stay side by side).
     */
    private static Row median(List<Row> runs) {
        Row first = runs.get(0);
        double ratio = medianOf(runs, row -> row.sustained / row.raw);
        double raw = medianOf(runs, Row::raw);
        return new Row(first.batch, raw, ratio * raw, first.sustainedCpu, medianOf(runs, Row::pacedRate),
                Math.round(medianOf(runs, row -> row.scoredP50)), Math.round(medianOf(runs, row -> row.scoredP99)),
                Math.round(medianOf(runs, row -> row.visibleP50)), Math.round(medianOf(runs, row -> row.visibleP99)),
                medianOf(runs, Row::meanBatch), medianOf(runs, Row::meanInferenceMs), medianOf(runs, Row::rawBatchMs),
                first.sustainedProfile, first.pacedProfile, runs.stream().mapToDouble(Row::mostOtherProcesses).max()
                .orElse(0));
    }

    private static double medianOf(List<Row> runs, java.util.function.ToDoubleFunction<Row> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The pipeline's goals (BENCHMARKS.md, "Scorer pipeline"), each with the measured value and whether it was met. */
    private static void printTargets(List<Row> rows, Duration maxWait) {
        Map<Integer, Row> byBatch = new java.util.TreeMap<>();
        rows.forEach(row -> byBatch.put(row.batch, row));
        Row one = byBatch.get(1);
        Row thirtyTwo = byBatch.get(32);
        Row large = byBatch.get(128);
        if (thirtyTwo != null) {
            double ratio = thirtyTwo.sustained / thirtyTwo.raw;
            System.out.printf(Locale.ROOT, "target: pipeline / raw at batch 32 >= 0.90: %.2f (%s)%n", ratio,
                    ratio >= 0.9 ? "met" : "MISSED");
        }
        if (one != null && thirtyTwo != null) {
            double speedUp = thirtyTwo.sustained / one.sustained;
            System.out.printf(Locale.ROOT, "target: pipeline batch 32 / batch 1 >= 8x: %.1fx (%s)%n", speedUp,
                    speedUp >= 8 ? "met" : "MISSED");
        }
        if (large != null && thirtyTwo != null) {
            double perLead = thirtyTwo.raw / large.raw;
            System.out.printf(Locale.ROOT, "target: raw batch 128 no slower per lead than batch 32: %.2f x the time per"
                    + " lead (%s); pipeline %.2f x%n", perLead, perLead <= 1.0 ? "met" : "MISSED",
                    thirtyTwo.sustained / large.sustained);
        }
        for (Row row : byBatch.values()) {
            long bound = Math.round(maxWait.toMillis() + 2 * row.rawBatchMs);
            System.out.printf(Locale.ROOT, "target: batch %d p99 event->scored at half load < max wait + 2 x inference:"
                    + " %d ms vs %d ms (%s)%n", row.batch, row.scoredP99, bound, row.scoredP99 < bound ? "met" : "MISSED");
        }
    }

    /** Leads of the simulated MQL world (the trainer's data), so lead texts and token counts are production-like. */
    static List<MqlEvent> simulatedLeads(int count) {
        MqlWorld world = MqlWorld.create(SIMULATOR_SEED);
        List<MqlEvent> leads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leads.add(world.next().event());
        }
        return leads;
    }

    private Row run(int batch) throws Exception {
        Raw raw = rawThroughput(batch);
        double rawBatchMs = 1000.0 * batch / raw.rate;
        System.out.printf(Locale.ROOT, "batch %d: raw predictor %.0f leads/s (%.1f ms per batch); cpu %s%n", batch,
                raw.rate, rawBatchMs, raw.cpu);
        Sustained sustained = sustainedThroughput(batch, (int) Math.max(300, Math.min(30_000,
                raw.rate * SUSTAINED_TARGET.toSeconds())));
        System.out.printf(Locale.ROOT, "batch %d: pipeline sustained %.0f leads/s (%.2f of raw); cpu %s%n", batch,
                sustained.rate, sustained.rate / raw.rate, sustained.cpu);
        double rate = sustained.rate / 2;
        Paced paced = pacedLatency(batch, rate);
        System.out.printf(Locale.ROOT, "batch %d: at %.0f leads/s event->scored p50 %d p99 %d ms, event->visible p50 %d "
                        + "p99 %d ms, mean batch %.1f, mean inference %.1f ms; cpu %s%n", batch, rate,
                paced.scored.percentile(50), paced.scored.percentile(99), paced.visible.percentile(50),
                paced.visible.percentile(99), paced.meanBatch, paced.meanInferenceMs, paced.cpu);
        double others = Math.max(raw.otherProcesses, Math.max(sustained.otherProcesses, paced.otherProcesses));
        return new Row(batch, raw.rate, sustained.rate, sustained.cpu, rate, paced.scored.percentile(50),
                paced.scored.percentile(99), paced.visible.percentile(50), paced.visible.percentile(99), paced.meanBatch,
                paced.meanInferenceMs, rawBatchMs, sustained.profile, paced.profile, Double.isNaN(others) ? 0 : others);
    }

    private record Raw(double rate, String cpu, double otherProcesses) {
    }

    private Raw rawThroughput(int batch) {
        try (LeadPredictor predictor = LeadPredictor.open(bundle, device)) {
            for (int i = 0; i < 3; i++) {
                predictor.predict(slice(i, batch));
            }
            long leads = 0;
            CpuUsage cpuStart = CpuUsage.snapshot();
            long start = System.nanoTime();
            long end = start + RAW_DURATION.toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                predictor.predict(slice(i++, batch));
                leads += batch;
            }
            double rate = leads / ((System.nanoTime() - start) / 1e9);
            CpuUsage cpuEnd = CpuUsage.snapshot();
            return new Raw(rate, cpuEnd.since(cpuStart), cpuEnd.otherProcessesSince(cpuStart));
        }
    }

    private List<MqlEvent> slice(int index, int batch) {
        int from = (index * batch) % (pool.size() - batch);
        return pool.subList(from, from + batch);
    }

    private record Sustained(double rate, String cpu, String profile, double otherProcesses) {
    }

    private Sustained sustainedThroughput(int batch, int backlog) throws Exception {
        String name = "sustained-b" + batch;
        ScorerSettings settings = settings(name, batch);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Serializer<MqlEvent> events = serializer(settings);
            Instant now = Instant.now();
            for (int i = 0; i < backlog; i++) {
                MqlEvent lead = MqlEvent.newBuilder(pool.get(i % pool.size())).setLeadId(name + "-" + i)
                        .setEventTime(now).build();
                String input = settings.topics().input();
                producer.send(new ProducerRecord<>(input, key(lead), events.serialize(input, lead)));
            }
            producer.flush();
        }
        StreamThreadProfile profile = null;
        try (Pipeline pipeline = new Pipeline(settings); KafkaConsumer<String, ScoredLead> consumer = consumer(settings)) {
            pipeline.start();
            int seen = 0;
            long startAt = 0;
            CpuUsage cpuStart = null;
            int startCount = backlog / 10;
            Duration limit = SUSTAINED_TARGET.multipliedBy(10).plus(STARTUP_TIMEOUT);
            long deadline = System.nanoTime() + limit.toNanos();
            while (seen < backlog) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + seen + " of " + backlog + " scores within " + limit);
                }
                seen += consumer.poll(Duration.ofMillis(20)).count();
                if (startAt == 0 && seen >= startCount) {
                    startAt = System.nanoTime();
                    cpuStart = CpuUsage.snapshot();
                    profile = StreamThreadProfile.start();
                    startCount = seen;
                }
            }
            double rate = (seen - startCount) / ((System.nanoTime() - startAt) / 1e9);
            CpuUsage cpuEnd = CpuUsage.snapshot();
            profile.close();
            return new Sustained(rate, cpuEnd.since(cpuStart), profile.summary(), cpuEnd.otherProcessesSince(cpuStart));
        } finally {
            if (profile != null) {
                profile.close();
            }
        }
    }

    private record Paced(Latencies scored, Latencies visible, double meanBatch, double meanInferenceMs, String cpu,
                         String profile, double otherProcesses) {
    }

    private Paced pacedLatency(int batch, double rate) throws Exception {
        String name = "paced-b" + batch;
        ScorerSettings settings = settings(name, batch);
        Latencies scored = new Latencies();
        Latencies visible = new Latencies();
        try (Pipeline pipeline = new Pipeline(settings); KafkaConsumer<String, ScoredLead> consumer = consumer(settings);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            pipeline.start();
            pipeline.awaitRunning();
            consumer.poll(Duration.ofMillis(200));
            Serializer<MqlEvent> events = serializer(settings);
            long total = Math.round(rate * PACED_DURATION.toSeconds());
            long warmUpLeads = Math.round(rate * PACED_WARM_UP.toSeconds());
            Thread sender = new Thread(() -> {
                long start = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    MqlEvent lead = MqlEvent.newBuilder(pool.get((int) (i % pool.size()))).setLeadId(name + "-" + i)
                            .setEventTime(Instant.now()).build();
                    String input = settings.topics().input();
                    producer.send(new ProducerRecord<>(input, key(lead), events.serialize(input, lead)));
                }
                producer.flush();
            }, "bench-paced-producer");
            sender.start();
            long received = 0;
            long deadline = System.nanoTime() + PACED_DURATION.plusSeconds(60).toNanos();
            double batchesBefore = 0;
            double inferenceBefore = 0;
            double leadsBefore = 0;
            CpuUsage cpuStart = CpuUsage.snapshot();
            StreamThreadProfile profile = StreamThreadProfile.start();
            while (received < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ScoredLead> record : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.currentTimeMillis();
                    received++;
                    if (received == warmUpLeads) {
                        batchesBefore = pipeline.batches();
                        inferenceBefore = pipeline.inferenceMs();
                        leadsBefore = pipeline.batchedLeads();
                        cpuStart = CpuUsage.snapshot();
                        profile.close();
                        profile = StreamThreadProfile.start();
                    }
                    if (received > warmUpLeads) {
                        long eventTime = record.value().getEventTime().toEpochMilli();
                        scored.add(record.value().getScoredTime().toEpochMilli() - eventTime);
                        visible.add(now - eventTime);
                    }
                }
            }
            CpuUsage cpuEnd = CpuUsage.snapshot();
            profile.close();
            sender.join();
            if (received < total) {
                System.out.printf("WARNING: batch %d at half load: only %d of %d scores arrived in time%n", batch,
                        received, total);
            }
            double batches = pipeline.batches() - batchesBefore;
            return new Paced(scored, visible, (pipeline.batchedLeads() - leadsBefore) / batches,
                    (pipeline.inferenceMs() - inferenceBefore) / batches, cpuEnd.since(cpuStart), profile.summary(),
                    cpuEnd.otherProcessesSince(cpuStart));
        }
    }

    /** One scorer instance, built like the service's. */
    private final class Pipeline implements AutoCloseable {
        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        private final StreamThreadScorers scorers;
        private final KafkaStreams streams;

        Pipeline(ScorerSettings settings) {
            ActiveGeneration active = Generations.serving(bundle);
            scorers = new StreamThreadScorers(() -> new PredictorLeadScorer(active));
            streams = new KafkaStreams(ScorerTopology.build(settings, scorers, new ScorerMetrics(registry),
                    new BufferControl(), Clock.systemUTC()), ScorerStreamsConfig.properties(settings));
        }

        void start() {
            streams.start();
        }

        void awaitRunning() throws InterruptedException {
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Streams not RUNNING after " + STARTUP_TIMEOUT + ": " + streams.state());
                }
                Thread.sleep(10);
            }
        }

        double batches() {
            return registry.get("leadscorer.batch.size").summary().count();
        }

        double batchedLeads() {
            return registry.get("leadscorer.batch.size").summary().totalAmount();
        }

        double inferenceMs() {
            return registry.get("leadscorer.batch.inference").timer().totalTime(TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(30));
            scorers.close();
        }
    }

    /** Settings of one phase: its own topics (an input partition per stream thread) and application id. */
    private ScorerSettings settings(String name, int batch) {
        name = name + "-r" + (++runNumber);
        ScorerSettings base = TestSettings.withStateDir(work.resolve("state-" + name)).applicationId("bench-" + name)
                .bootstrapServers(kafka.bootstrapServers()).registry("mock://scorer-benchmark")
                .commitInterval(COMMIT_INTERVAL).batch(batch, maxWait).build();
        ScorerSettings.Topics topics = new ScorerSettings.Topics(name + ".events", name + ".scores",
                name + ".scores.shadow", name + ".dlq", name + ".control", name + ".status");
        kafka.createTopic(topics.input(), streamThreads);
        kafka.createTopic(topics.output(), 1);
        kafka.createTopic(topics.deadLetter(), 1);
        ScorerSettings.Kafka k = base.kafka();
        ScorerSettings.Kafka threads = new ScorerSettings.Kafka(k.bootstrapServers(), k.securityProtocol(),
                k.processingGuarantee(), streamThreads, k.commitInterval(), k.stateDir(), k.properties());
        return new ScorerSettings(base.applicationId(), base.instanceId(), topics, threads, base.registry(),
                base.batch(), base.model());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 1), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, ScoredLead> consumer(ScorerSettings settings) {
        KafkaConsumer<String, ScoredLead> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroWireSerde.of(ScoredLead.class, ScorerStreamsConfig.serdeConfig(settings), false)
                .deserializer());
        consumer.subscribe(List.of(settings.topics().output()));
        return consumer;
    }

    private static Serializer<MqlEvent> serializer(ScorerSettings settings) {
        return AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(settings), false).serializer();
    }

    private static byte[] key(MqlEvent lead) {
        return lead.getLeadId().getBytes(StandardCharsets.UTF_8);
    }
}
