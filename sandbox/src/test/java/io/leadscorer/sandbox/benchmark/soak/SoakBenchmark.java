package io.leadscorer.sandbox.benchmark.soak;

import io.leadscorer.embedded.EmbeddedKafkaCluster;
import io.leadscorer.embedded.HttpSchemaRegistryServer;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.sandbox.demo.ModelDeployer;
import io.leadscorer.sandbox.faults.ServiceProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the scorer service holds steady for a long run (BENCHMARKS.md, "Soak"): scorer services
 * ({@code ./lead-scorer score}) as JVMs of their own in one consumer group, the in-JVM broker and the HTTP Schema
 * Registry, leads at a fraction of the fleet's capacity (measured first on a backlog, or given), and a DEPLOY of the
 * other of two tiny bundles on the control topic every few minutes. Every 30 s each scorer process is sampled: resident
 * memory, the Java heap and the rest as native memory tracking and /proc see them, open files, threads, its leads
 * scored; and the committed scores per second a read_committed reader sees. The samples go to a CSV; the verdict
 * ({@link SoakReport}) judges the growth from a third of the duration to its end, then stops the load and checks that
 * every lead has exactly one committed score.
 *
 * <p>Run from the repository root, after {@code ./mvnw -B -ntp -q install -DskipTests}, in a JVM of its own: the
 * services it starts run on this JVM's class path, which under {@code exec:java} would be Maven's:
 * <pre>{@value #COMMAND}</pre>
 */
public final class SoakBenchmark {

    static final String COMMAND = "./mvnw -B -ntp -q -pl sandbox dependency:build-classpath -Dmdep.includeScope=test"
            + " -Dmdep.outputFile=target/test-classpath.txt && OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true"
            + " -cp \"sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/test-classpath.txt)\""
            + " io.leadscorer.sandbox.benchmark.soak.SoakBenchmark 30 0.5 5 2 0";

    private static final String EVENTS = "mql.events";
    private static final String SCORES = "mql.scores";
    private static final String CONTROL = "lead-scorer.control";
    private static final String APPLICATION = "soak";
    private static final int PARTITIONS = 4;
    private static final int CAPACITY_BACKLOG = 5_000;
    private static final Duration CAPACITY_WARMUP = Duration.ofSeconds(15);
    private static final Duration CAPACITY_MEASURE = Duration.ofSeconds(30);
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(30);
    private static final Duration START_GUARD = Duration.ofMinutes(4);
    private static final Duration CATCH_UP_GUARD = Duration.ofMinutes(5);
    private static final Duration SWAP_GUARD = Duration.ofSeconds(60);

    /** The soak's length and load: the arguments, in order. */
    record Settings(Duration duration, double fraction, Duration swapEvery, int scorers, double capacity) {

        static Settings of(String[] args) {
            return new Settings(Duration.ofSeconds(Math.round(60 * doubleArg(args, 0, 30))), doubleArg(args, 1, 0.5),
                    Duration.ofSeconds(Math.round(60 * doubleArg(args, 2, 5))), (int) doubleArg(args, 3, 2),
                    doubleArg(args, 4, 0));
        }

        private static double doubleArg(String[] args, int index, double fallback) {
            return args.length > index ? Double.parseDouble(args[index]) : fallback;
        }
    }

    private final Settings settings;
    private final Path work;
    private final ProcessProbe probe = new ProcessProbe();

    SoakBenchmark(Settings settings, Path work) {
        this.settings = settings;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.of(args);
        System.out.printf(Locale.ROOT, "Soak: %d min, %.2f of capacity, a swap every %.1f min, %d scorer process(es)%n",
                settings.duration().toMinutes(), settings.fraction(), settings.swapEvery().toSeconds() / 60.0,
                settings.scorers());
        Path work = Files.createTempDirectory("soak");
        boolean met = new SoakBenchmark(settings, work).run();
        System.out.println("Command:");
        System.out.println(COMMAND);
        System.exit(met ? 0 : 1);
    }

    boolean run() throws Exception {
        Path store = Files.createDirectories(work.resolve("models"));
        List<Bundle> bundles = List.of(TinyBundles.create(store, TinyBundles.DEFAULT_SEED),
                TinyBundles.create(store, TinyBundles.DEFAULT_SEED + 1));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path csv = work.resolve("soak-samples.csv");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start();
             HttpSchemaRegistryServer registry = HttpSchemaRegistryServer.start()) {
            kafka.createTopic(EVENTS, PARTITIONS);
            kafka.createTopic(SCORES, PARTITIONS);
            kafka.createTopic("mql.events.dlq", 1);
            kafka.createCompactedTopic(CONTROL, 1);
            kafka.createTopic("lead-scorer.status", 1);
            List<ServiceProcess> scorers = new ArrayList<>();
            for (int slot = 0; slot < settings.scorers(); slot++) {
                scorers.add(scorer("scorer-" + slot, kafka, registry, store, bundles.get(0), logs));
            }
            try (ScoreLedger ledger = new ScoreLedger(kafka.bootstrapServers(), registry.url(), SCORES);
                 PacedLeads leads = new PacedLeads(kafka.bootstrapServers(), registry.url(), EVENTS, 42)) {
                long started = System.nanoTime();
                for (ServiceProcess scorer : scorers) {
                    scorer.start();
                }
                for (ServiceProcess scorer : scorers) {
                    if (!scorer.awaitRunning(START_GUARD)) {
                        throw new IllegalStateException(scorer.name() + " did not start; its log:\n"
                                + Files.readString(scorer.log()));
                    }
                }
                System.out.printf(Locale.ROOT, "scorers running after %d s%n", secondsSince(started));
                ledger.start();
                double capacity = settings.capacity() > 0 ? settings.capacity() : measureCapacity(leads, ledger);
                double offered = capacity * settings.fraction();
                System.out.printf(Locale.ROOT, "capacity %.0f leads/s (%s); offered %.0f leads/s%n", capacity,
                        settings.capacity() > 0 ? "given" : "measured over " + CAPACITY_MEASURE.toSeconds() + " s with a backlog of "
                                + CAPACITY_BACKLOG + " leads", offered);

                List<SoakSample> samples = soak(scorers, leads, ledger, offered, bundles, kafka, registry, csv);

                leads.stop();
                BitSet acknowledged = leads.acknowledged();
                awaitQuietly(() -> ledger.unscored(acknowledged) == 0, CATCH_UP_GUARD);
                // a late duplicate would show within a few commits
                Thread.sleep(5_000);
                SoakReport.ExactlyOnce once = new SoakReport.ExactlyOnce(acknowledged.cardinality(), leads.failed(),
                        ledger.distinct(), ledger.unscored(acknowledged), ledger.duplicates());
                SoakReport report = new SoakReport(samples, settings.duration().toSeconds(), offered, once);
                System.out.printf(Locale.ROOT, "committed scores by model: %s; the latest by %s%n", ledger.byModel(),
                        ledger.latestModel());
                System.out.print(report.table());
                List<String> errors = new ArrayList<>();
                for (ServiceProcess scorer : scorers) {
                    errors.addAll(scorer.errorLines());
                }
                System.out.printf(Locale.ROOT, "ERROR lines in the scorers' logs: %d%n", errors.size());
                errors.stream().limit(20).forEach(line -> System.out.println("  " + line));
                System.out.printf(Locale.ROOT, "samples: %s; logs: %s; wall time %d s%n", csv, logs,
                        secondsSince(started));
                return report.met();
            } finally {
                for (ServiceProcess scorer : scorers) {
                    scorer.stop(Duration.ofSeconds(60));
                }
            }
        }
    }

    /**
     * Leads/s the fleet scores with leads always waiting (a backlog of {@link #CAPACITY_BACKLOG} kept up), over
     * {@link #CAPACITY_MEASURE} after {@link #CAPACITY_WARMUP} of start-up and JIT compilation; then the backlog drains,
     * so that the soak starts with none.
     */
    private static double measureCapacity(PacedLeads leads, ScoreLedger ledger) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + CAPACITY_WARMUP.toNanos();
        long measureTo = measureFrom + CAPACITY_MEASURE.toNanos();
        long scoredFrom = -1;
        while (System.nanoTime() < measureTo) {
            if (scoredFrom < 0 && System.nanoTime() >= measureFrom) {
                scoredFrom = ledger.distinct();
            }
            if (leads.acknowledgedCount() - ledger.distinct() < CAPACITY_BACKLOG) {
                leads.backlog(CAPACITY_BACKLOG / 10);
            } else {
                Thread.sleep(10);
            }
        }
        double capacity = (ledger.distinct() - scoredFrom) / (CAPACITY_MEASURE.toNanos() / 1e9);
        BitSet sent = leads.acknowledged();
        awaitUntil(() -> ledger.unscored(sent) == 0, CATCH_UP_GUARD);
        return capacity;
    }

    private List<SoakSample> soak(List<ServiceProcess> scorers, PacedLeads leads, ScoreLedger ledger, double offered,
                                  List<Bundle> bundles, EmbeddedKafkaCluster kafka, HttpSchemaRegistryServer registry,
                                  Path csv) throws Exception {
        ModelDeployer deployer = new ModelDeployer(kafka.bootstrapServers(), registry.url(), CONTROL, APPLICATION);
        List<SoakSample> samples = new ArrayList<>();
        Map<String, Double> scoredBefore = new HashMap<>();
        long committedBefore = ledger.committed();
        leads.startPaced(offered);
        long start = System.nanoTime();
        long previous = start;
        long nextSample = start;
        long nextSwap = start + settings.swapEvery().toNanos();
        long end = start + settings.duration().toNanos();
        int swaps = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            out.println(SoakSample.CSV_HEADER);
            while (true) {
                long now = System.nanoTime();
                if (now >= nextSwap && now < end) {
                    Bundle bundle = bundles.get(++swaps % 2);
                    long sent = System.nanoTime();
                    deployer.deploy(bundle);
                    long active = awaitQuietly(() -> bundle.modelId().equals(ledger.latestModel()), SWAP_GUARD);
                    System.out.printf(Locale.ROOT, "swap %d at %d s to %s: %s%n", swaps,
                            TimeUnit.NANOSECONDS.toSeconds(sent - start), bundle.modelId(), active < 0
                                    ? "no committed score by it within " + SWAP_GUARD.toSeconds() + " s"
                                    : "first committed score by it after " + TimeUnit.NANOSECONDS.toMillis(active - sent)
                                    + " ms");
                    nextSwap += settings.swapEvery().toNanos();
                } else if (now >= nextSample) {
                    double seconds = Math.max(1e-3, (now - previous) / 1e9);
                    long committed = ledger.committed();
                    double fleetRate = samples.isEmpty() ? 0 : (committed - committedBefore) / seconds;
                    long backlog = leads.acknowledgedCount() - ledger.distinct();
                    for (ServiceProcess scorer : scorers) {
                        SoakSample sample = sample(scorer, TimeUnit.NANOSECONDS.toSeconds(now - start), seconds,
                                scoredBefore, fleetRate, backlog, swaps);
                        samples.add(sample);
                        out.println(sample.csv());
                    }
                    out.flush();
                    System.out.printf(Locale.ROOT, "%d s: %.0f committed scores/s, backlog %d, RSS %s MiB%n",
                            TimeUnit.NANOSECONDS.toSeconds(now - start), fleetRate, backlog,
                            samples.subList(samples.size() - scorers.size(), samples.size()).stream()
                                    .map(s -> Long.toString(s.footprint().rssKib() / 1024)).toList());
                    committedBefore = committed;
                    previous = now;
                    if (now >= end) {
                        return samples;
                    }
                    nextSample = Math.min(nextSample + SAMPLE_INTERVAL.toNanos(), end);
                } else {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(nextSample, nextSwap) - now)));
                }
            }
        }
    }

    private SoakSample sample(ServiceProcess scorer, long elapsedSeconds, double seconds,
                              Map<String, Double> scoredBefore, double fleetRate, long backlog, int swaps)
            throws IOException, InterruptedException {
        ProcessFootprint footprint = probe.read(scorer.pid());
        ScorerCounters counters = ScorerCounters.scrape(scorer.serverUrl());
        Double before = scoredBefore.put(scorer.name(), counters.scored());
        double rate = before == null ? 0 : (counters.scored() - before) / seconds;
        return new SoakSample(elapsedSeconds, scorer.name(), scorer.pid(), footprint, rate, counters.generationsOpen(),
                fleetRate, backlog, swaps);
    }

    private ServiceProcess scorer(String name, EmbeddedKafkaCluster kafka, HttpSchemaRegistryServer registry,
                                  Path store, Bundle bundle, Path logs) {
        return new ServiceProcess(name, List.of("-XX:NativeMemoryTracking=summary"), List.of("score",
                "--scorer.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--scorer.registry.url=" + registry.url(),
                "--scorer.application-id=" + APPLICATION,
                "--scorer.instance-id=" + name,
                "--scorer.kafka.state-dir=" + work.resolve("state").resolve(name),
                "--scorer.model.store=" + store,
                "--scorer.model.initial-bundle=" + bundle.dir(),
                "--micronaut.server.port=-1"), Map.of(), logs);
    }

    private static long secondsSince(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
    }

    /** When the condition first held (System.nanoTime); throws if it did not within the guard. */
    private static long awaitUntil(BooleanSupplier condition, Duration guard) throws InterruptedException {
        long at = awaitQuietly(condition, guard);
        if (at < 0) {
            throw new IllegalStateException("Not within " + guard.toSeconds() + " s");
        }
        return at;
    }

    /** When the condition first held (System.nanoTime), or -1 if it did not within the guard. */
    private static long awaitQuietly(BooleanSupplier condition, Duration guard) throws InterruptedException {
        long deadline = System.nanoTime() + guard.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        return -1;
    }
}
