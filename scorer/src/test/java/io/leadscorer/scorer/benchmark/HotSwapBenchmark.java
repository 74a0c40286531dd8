package io.leadscorer.scorer.benchmark;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.CompactBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.testing.ScorerInstance;
import io.leadscorer.scorer.testing.TestSettings;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The hot-swap benchmark of BENCHMARKS.md ("Hot swap"). One whole scorer instance (the service as the factory wires it:
 * control loop, generations, exactly-once topology, batch 32, maximum wait 50 ms) drains a backlog of simulated leads
 * on the in-JVM broker while DEPLOY commands alternate between two compact bundles once a second. Measured side by
 * side in the one run: the inter-batch gap in steady state against the longest gap while a swap is loading and
 * switching (the swap pause), and the longest gap between two scores over the whole run; leads/s over the swap windows
 * against steady state; resident and direct memory, heap and open generations after 1, 10 and the last swap.
 * <pre>./mvnw -B -ntp -o -q -pl scorer test-compile exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=io.leadscorer.scorer.benchmark.HotSwapBenchmark -Dai.djl.offline=true [-Dexec.args="50"]</pre>
 * Argument: the number of swaps (default 50).
 */
public final class HotSwapBenchmark {

    private static final int BATCH = 32;
    private static final Duration MAX_WAIT = Duration.ofMillis(50);
    private static final Duration STEADY = Duration.ofSeconds(10);
    private static final Duration SWAP_EVERY = Duration.ofSeconds(1);
    private static final int LEADS_PER_SECOND_ESTIMATE = 2500;

    private HotSwapBenchmark() {
    }

    private record Batch(long scoredAtMs, String modelId, int leads) {
    }

    private record Swap(int number, long sentMs, long activeMs) {
    }

    private record Memory(int swap, long rssKb, long directBytes, long heapUsedBytes, long heapCommittedBytes,
                          double openGenerations) {
        /** Resident memory outside the Java heap (native: PyTorch, RocksDB, metaspace, thread stacks) plus direct. */
        double nativeMiB() {
            return (rssKb * 1024.0 - heapCommittedBytes + directBytes) / 1048576.0;
        }
    }

    public static void main(String[] args) throws Exception {
        int swaps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Files.createTempDirectory("hot-swap-benchmark");
        List<MqlEvent> leads = ScorerBenchmark.simulatedLeads(48_000);
        List<String> texts = leads.stream().map(event -> LeadText.of(TextSpec.defaults(), LeadRecord.of(event))).toList();
        Bundle a = CompactBundles.create(work.resolve("models"), texts);
        Thread.sleep(1100);
        Bundle b = CompactBundles.create(work.resolve("models"), texts);
        long backlog = (STEADY.toSeconds() * 2 + swaps * SWAP_EVERY.toSeconds()) * LEADS_PER_SECOND_ESTIMATE;
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
            kafka.createTopic("hs.events", 1);
            kafka.createTopic("hs.scores", 1);
            kafka.createTopic("hs.dlq", 1);
            kafka.createCompactedTopic("hs.control", 1);
            kafka.createTopic("hs.status", 1);
            ScorerSettings settings = TestSettings.withStateDir(work.resolve("state")).applicationId("hs")
                    .instanceId("hs-1").bootstrapServers(kafka.bootstrapServers()).registry("mock://hot-swap-benchmark")
                    .topics("hs.events", "hs.scores", "hs.dlq").controlTopics("hs.control", "hs.status")
                    .store(work.resolve("models")).bundle(a.dir()).batch(BATCH, MAX_WAIT).build();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                Serializer<MqlEvent> events = AvroWireSerde.of(MqlEvent.class, ScorerStreamsConfig.serdeConfig(settings),
                        false).serializer();
                for (long i = 0; i < backlog; i++) {
                    MqlEvent lead = MqlEvent.newBuilder(leads.get((int) (i % leads.size()))).setLeadId("hs-" + i).build();
                    producer.send(new ProducerRecord<>("hs.events", lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                            events.serialize("hs.events", lead)));
                }
                producer.flush();
                System.out.printf(Locale.ROOT, "backlog of %d leads; bundles %s and %s (%s)%n", backlog, a.modelId(),
                        b.modelId(), a.manifest().network());

                List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean reading = new AtomicBoolean(true);
                Thread reader = new Thread(() -> read(kafka, settings, batches, reading), "scores-reader");
                reader.start();
                List<Swap> done = new ArrayList<>();
                List<Memory> memory = new ArrayList<>();
                Serializer<ModelCommand> commands = AvroWireSerde.of(ModelCommand.class,
                        ScorerStreamsConfig.serdeConfig(settings), false).serializer();
                long swapStart;
                long swapEnd;
                try (ScorerInstance scorer = ScorerInstance.start(settings)) {
                    scorer.awaitReady(Duration.ofMinutes(2));
                    Thread.sleep(STEADY.toMillis());
                    swapStart = System.currentTimeMillis();
                    for (int swap = 1; swap <= swaps; swap++) {
                        Bundle target = swap % 2 == 1 ? b : a;
                        long sent = System.currentTimeMillis();
                        ModelCommand command = ModelCommand.newBuilder().setAction(ModelAction.DEPLOY)
                                .setModelId(target.modelId()).setBundleUri(target.dir().toUri().toString())
                                .setManifestSha256(target.manifestSha256()).setSequence(swap)
                                .setRequestedTime(Instant.ofEpochMilli(sent)).setRequestedBy("benchmark").build();
                        producer.send(new ProducerRecord<>("hs.control", "hs".getBytes(StandardCharsets.UTF_8),
                                commands.serialize("hs.control", command))).get(30, TimeUnit.SECONDS);
                        scorer.awaitModel(target.modelId(), Duration.ofMinutes(1));
                        done.add(new Swap(swap, sent, System.currentTimeMillis()));
                        if (swap == 1 || swap % 10 == 0 || swap == swaps) {
                            memory.add(memory(swap, scorer));
                        }
                        long next = sent + SWAP_EVERY.toMillis();
                        Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                    }
                    swapEnd = System.currentTimeMillis();
                    Thread.sleep(STEADY.toMillis());
                }
                reading.set(false);
                reader.join();
                report(batches, done, memory, swapStart, swapEnd);
            }
        }
    }

    private static void read(EmbeddedKafkaCluster kafka, ScorerSettings settings, List<Batch> batches,
                             AtomicBoolean reading) {
        try (KafkaConsumer<String, ScoredLead> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "hs-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                AvroWireSerde.of(ScoredLead.class, ScorerStreamsConfig.serdeConfig(settings), false).deserializer())) {
            consumer.subscribe(List.of("hs.scores"));
            Batch open = null;
            while (reading.get()) {
                for (ConsumerRecord<String, ScoredLead> record : consumer.poll(Duration.ofMillis(100))) {
                    long at = record.value().getScoredTime().toEpochMilli();
                    String model = record.value().getModelId();
                    if (open != null && open.scoredAtMs() == at && open.modelId().equals(model)) {
                        open = new Batch(at, model, open.leads() + 1);
                        batches.set(batches.size() - 1, open);
                    } else {
                        open = new Batch(at, model, 1);
                        batches.add(open);
                    }
                }
            }
        }
    }

    private static Memory memory(int swap, ScorerInstance scorer) throws Exception {
        System.gc();
        Thread.sleep(200);
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        double open = scorer.registry.get("leadscorer.model.generations.open").gauge().value();
        return new Memory(swap, rss, direct, heap, committed, open);
    }

    private static void report(List<Batch> all, List<Swap> swaps, List<Memory> memory, long swapStart, long swapEnd) {
        List<Batch> batches = new ArrayList<>(all);
        batches.sort((x, y) -> Long.compare(x.scoredAtMs(), y.scoredAtMs()));
        long first = batches.get(0).scoredAtMs();
        long last = batches.get(batches.size() - 1).scoredAtMs();
        List<Long> steadyGaps = new ArrayList<>();
        long steadyLeads = 0;
        long steadyMs = 0;
        long swapWindowLeads = 0;
        long swapWindowMs = 0;
        for (Swap swap : swaps) {
            swapWindowMs += Math.max(1, swap.activeMs() - swap.sentMs()) + MAX_WAIT.toMillis();
        }
        Map<Integer, Long> pauseBySwap = new TreeMap<>();
        long longestGap = 0;
        long longestGapEndsMs = first;
        for (int i = 1; i < batches.size(); i++) {
            Batch previous = batches.get(i - 1);
            Batch batch = batches.get(i);
            long gap = batch.scoredAtMs() - previous.scoredAtMs();
            if (gap > longestGap) {
                longestGap = gap;
                longestGapEndsMs = batch.scoredAtMs();
            }
            Swap during = swapCovering(swaps, previous.scoredAtMs(), batch.scoredAtMs());
            if (during != null) {
                pauseBySwap.merge(during.number(), gap, Math::max);
                swapWindowLeads += batch.leads();
            } else if (batch.scoredAtMs() < swapStart || batch.scoredAtMs() > swapEnd) {
                if (i > 5 && batch.scoredAtMs() < last - 2000) {
                    steadyGaps.add(gap);
                }
            }
        }
        for (Batch batch : batches) {
            boolean steady = (batch.scoredAtMs() < swapStart || batch.scoredAtMs() > swapEnd)
                    && batch.scoredAtMs() > first + 1000 && batch.scoredAtMs() < last - 2000;
            if (steady) {
                steadyLeads += batch.leads();
            }
        }
        steadyMs = (swapStart - first - 1000) + (last - 2000 - swapEnd);
        long swapPhaseLeads = batches.stream().filter(x -> x.scoredAtMs() >= swapStart && x.scoredAtMs() <= swapEnd)
                .mapToLong(Batch::leads).sum();
        Collections.sort(steadyGaps);
        List<Long> pauses = new ArrayList<>(pauseBySwap.values());
        Collections.sort(pauses);
        List<Long> loadMs = swaps.stream().map(s -> s.activeMs() - s.sentMs()).sorted().toList();
        double steadyRate = 1000.0 * steadyLeads / steadyMs;
        double swapPhaseRate = 1000.0 * swapPhaseLeads / (swapEnd - swapStart);
        double swapWindowRate = 1000.0 * swapWindowLeads / swapWindowMs;
        long normalGap = percentile(steadyGaps, 0.5);
        System.out.println();
        System.out.printf(Locale.ROOT, "swaps: %d; command -> active (verify, load, warm up, switch) ms: p50 %d, max %d%n",
                swaps.size(), percentile(loadMs, 0.5), loadMs.get(loadMs.size() - 1));
        System.out.printf(Locale.ROOT, "steady inter-batch gap ms: p50 %d, p99 %d, max %d (%d gaps)%n", normalGap,
                percentile(steadyGaps, 0.99), steadyGaps.get(steadyGaps.size() - 1), steadyGaps.size());
        System.out.printf(Locale.ROOT, "swap pause (longest gap while a swap loads and switches) ms: p50 %d, p90 %d, "
                + "max %d; max / steady p50 gap = %.1f%n", percentile(pauses, 0.5), percentile(pauses, 0.9),
                pauses.get(pauses.size() - 1), (double) pauses.get(pauses.size() - 1) / Math.max(1, normalGap));
        Swap duringLongest = swapCovering(swaps, longestGapEndsMs - longestGap, longestGapEndsMs);
        System.out.printf(Locale.ROOT, "longest gap between two scores, whole run: %d ms, ending %.1f s after the first "
                + "score (%s)%n", longestGap, (longestGapEndsMs - first) / 1000.0,
                duringLongest != null ? "while swap " + duringLongest.number() + " loaded and switched" : "no swap loading");
        System.out.printf(Locale.ROOT, "throughput leads/s: steady %.0f; whole swap phase %.0f (%.2f of steady); "
                + "inside swap windows %.0f (%.2f of steady)%n", steadyRate, swapPhaseRate, swapPhaseRate / steadyRate,
                swapWindowRate, swapWindowRate / steadyRate);
        for (Memory m : memory) {
            System.out.printf(Locale.ROOT, "after swap %d: RSS %.1f MiB, direct %.1f MiB, heap used %.1f of %.1f MiB "
                            + "committed, outside the heap %.1f MiB, open generations %.0f%n", m.swap(), m.rssKb() / 1024.0,
                    m.directBytes() / 1048576.0, m.heapUsedBytes() / 1048576.0, m.heapCommittedBytes() / 1048576.0,
                    m.nativeMiB(), m.openGenerations());
        }
        if (memory.size() >= 3) {
            Memory ten = memory.get(1);
            Memory end = memory.get(memory.size() - 1);
            double growth = 100.0 * ((end.rssKb() * 1024.0 + end.directBytes()) / (ten.rssKb() * 1024.0 + ten.directBytes()) - 1);
            double nativeGrowth = 100.0 * (end.nativeMiB() / ten.nativeMiB() - 1);
            System.out.printf(Locale.ROOT, "target: resident + direct growth from swap %d to swap %d <= 5%%: %.1f%% (%s); "
                    + "outside the heap: %.1f%%%n", ten.swap(), end.swap(), growth, growth <= 5 ? "met" : "MISSED",
                    nativeGrowth);
        }
        long maxPause = pauses.get(pauses.size() - 1);
        System.out.printf(Locale.ROOT, "target: swap pause <= one batch interval (steady p50 gap %d ms): max %d ms (%s), "
                + "p50 %d ms (%s)%n", normalGap, maxPause, maxPause <= normalGap ? "met" : "MISSED",
                percentile(pauses, 0.5), percentile(pauses, 0.5) <= normalGap ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "target: swap-window throughput >= 0.9 of steady: %.2f (%s)%n",
                swapWindowRate / steadyRate, swapWindowRate / steadyRate >= 0.9 ? "met" : "MISSED");
    }

    /** The swap whose window [command sent, active + max wait] overlaps the gap (from, to], if any. */
    private static Swap swapCovering(List<Swap> swaps, long from, long to) {
        for (Swap swap : swaps) {
            if (to > swap.sentMs() && from < swap.activeMs() + MAX_WAIT.toMillis()) {
                return swap;
            }
        }
        return null;
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
