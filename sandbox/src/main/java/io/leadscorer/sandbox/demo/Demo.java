package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ScoredLead;
import io.leadscorer.sandbox.MonitorInstance;
import io.leadscorer.sandbox.ScorerInstance;
import io.leadscorer.simulator.oracle.OracleF1;
import io.leadscorer.simulator.produce.OutcomeCounts;
import io.leadscorer.simulator.produce.OutcomeDraw;
import io.leadscorer.simulator.produce.OutcomeProducer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole system on one machine: Kafka and the registry, three trained models, N scorer instances in one group, the
 * monitor, the simulator's live stream with poison records and each lead's outcome a few seconds later, rollouts
 * through the control topic decided by the monitor on the outcomes ({@link DemoRollouts}), a live view with each
 * model's live quality, and a summary checked against what the simulator knows (nothing lost, nothing scored twice,
 * every poison record dead-lettered, every outcome counted once, the broken model neither promoted nor left live).
 */
public final class Demo {

    /** The scorer deployment the demo's instances form (their consumer group and the control commands' key). */
    public static final String APPLICATION_ID = "lead-scorer";
    /** After the stream ends, how long the tally waits without any new score before it calls what is missing lost. */
    private static final long QUIET_MILLIS = 60_000;
    /** With --keep-running, the rollouts start this long into the stream. */
    private static final long KEEP_RUNNING_ROLLOUTS_MILLIS = 30_000;
    /** How often the rollouts look for their next step. */
    private static final long ROLLOUT_TICK_MILLIS = 250;
    /** How often the monitor judges a shadow: every second, for a stream of a minute. */
    private static final String ROLLOUT_EVALUATE_INTERVAL = "1s";
    /** Outcomes come back this long after their lead on average (never sooner than the minimum): time compressed. */
    private static final Duration OUTCOME_DELAY_MEAN = Duration.ofSeconds(2);
    private static final Duration OUTCOME_DELAY_MIN = Duration.ofMillis(500);
    /** After the last score, how long the remaining outcomes may take to fall due and be counted. */
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(30);

    private final DemoOptions options;
    private final PrintStream out;
    private final LiveView view;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile ReadyHook onReady = infrastructure -> { };

    /** Something to run once the broker, registry and scorers are up (tests use it to join in as a client). */
    public interface ReadyHook {
        void accept(Infrastructure infrastructure) throws Exception;
    }

    public Demo(DemoOptions options, PrintStream out, boolean terminal) {
        this.options = options;
        this.out = out;
        this.view = new LiveView(out, terminal);
    }

    public Demo onReady(ReadyHook action) {
        this.onReady = action;
        return this;
    }

    /** Asks a running demo to stop sending and finish cleanly (Ctrl-C). */
    public void requestStop() {
        stopRequested.countDown();
    }

    public DemoSummary run() throws Exception {
        DemoTopics topics = DemoTopics.defaults();
        long started = System.nanoTime();
        Path work = options.workDir() != null ? options.workDir() : Files.createTempDirectory("lead-scorer-demo-");
        try (Infrastructure infrastructure = Infrastructure.start(options.bootstrap(), options.registry(), topics)) {
            out.println((infrastructure.embedded() ? "Kafka (embedded, KRaft): " : "Kafka: ") + infrastructure.bootstrapServers());
            out.println("Schema Registry: " + infrastructure.registryUrl());
            out.printf("topics: %s (%d partitions), %s, %s, %s, %s (compacted), %s, %s, %s (compacted), %s%n",
                    topics.input(), topics.partitions(), topics.scores(), topics.shadowScores(), topics.deadLetters(), topics.control(), topics.status(),
                    topics.outcomes(), topics.quality(), topics.outcomeDeadLetters());

            DemoModels.Models models = new DemoModels(options.store(), options.training(), out).ensure(options.fresh());
            out.printf("models: %s serves first; %s (trained on shuffled labels) goes into shadow and is deployed "
                    + "directly, %s goes into shadow%n", models.first().modelId(), models.broken().modelId(),
                    models.second().modelId());

            try (ScoreTally tally = new ScoreTally(infrastructure.bootstrapServers(), infrastructure.registryUrl(), topics);
                 LiveQuality quality = new LiveQuality(infrastructure.bootstrapServers(), infrastructure.registryUrl(),
                         topics.quality());
                 RolloutWatch watch = new RolloutWatch(infrastructure.bootstrapServers(), infrastructure.registryUrl(),
                         topics.control(), APPLICATION_ID)) {
                Thread tallyThread = new Thread(tally, "demo-tally");
                tallyThread.setDaemon(true);
                tallyThread.start();
                Thread qualityThread = new Thread(quality, "demo-quality");
                qualityThread.setDaemon(true);
                qualityThread.start();
                Thread watchThread = new Thread(watch, "demo-rollouts");
                watchThread.setDaemon(true);
                watchThread.start();
                List<ScorerInstance> scorers = new ArrayList<>();
                MonitorInstance monitor = null;
                try {
                    for (int i = 1; i <= options.instances(); i++) {
                        String name = "scorer-" + i;
                        scorers.add(ScorerInstance.start(name, scorerProperties(name, infrastructure, topics, models, work)));
                        out.printf("%s started (health and metrics on http://localhost:%d)%n", name, scorers.get(i - 1).httpPort());
                    }
                    monitor = MonitorInstance.start(monitorProperties(infrastructure, topics, work));
                    out.printf("monitor started (live quality on %s; health and metrics on http://localhost:%d)%n",
                            topics.quality(), monitor.httpPort());
                    awaitRunning(scorers, monitor);
                    onReady.accept(infrastructure);
                    DemoRollouts rollouts = new DemoRollouts(models, watch, new ModelDeployer(
                            infrastructure.bootstrapServers(), infrastructure.registryUrl(), topics.control(),
                            APPLICATION_ID), options.rollouts());
                    return stream(infrastructure, topics, rollouts, tally, quality, scorers, started);
                } finally {
                    view.release();
                    for (ScorerInstance scorer : scorers) {
                        scorer.close();
                    }
                    if (monitor != null) {
                        monitor.close();
                    }
                    tally.close();
                    quality.close();
                    watch.close();
                    tallyThread.join(TimeUnit.SECONDS.toMillis(10));
                    qualityThread.join(TimeUnit.SECONDS.toMillis(10));
                    watchThread.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        } finally {
            if (options.workDir() == null) {
                deleteTree(work);
            }
        }
    }

    private DemoSummary stream(Infrastructure infrastructure, DemoTopics topics, DemoRollouts rollouts, ScoreTally tally,
                               LiveQuality quality, List<ScorerInstance> scorers, long started) throws InterruptedException {
        long planned = options.keepRunning() ? Long.MAX_VALUE : options.leads();
        var outcomeSender = OutcomeProducer.kafkaProducer(infrastructure.bootstrapServers(), infrastructure.registryUrl(),
                Map.of());
        OutcomeProducer outcomes = new OutcomeProducer(outcomeSender, topics.outcomes(),
                new OutcomeDraw(LiveStream.SAMPLE_SEED, OUTCOME_DELAY_MEAN, OUTCOME_DELAY_MIN, 1.0, false));
        try {
            return stream(infrastructure, topics, rollouts, tally, quality, outcomes, scorers, started, planned);
        } finally {
            outcomes.close(Duration.ZERO);
            outcomeSender.close();
        }
    }

    private DemoSummary stream(Infrastructure infrastructure, DemoTopics topics, DemoRollouts rollouts, ScoreTally tally,
                               LiveQuality quality, OutcomeProducer outcomes, List<ScorerInstance> scorers, long started,
                               long planned) throws InterruptedException {
        LiveStream stream = new LiveStream(infrastructure.bootstrapServers(), infrastructure.registryUrl(), topics.input(),
                planned, options.rate()).withOutcomes(outcomes);
        if (options.keepRunning()) {
            out.printf("streaming leads at %.0f/s until Ctrl-C%n", options.rate());
        } else {
            out.printf("streaming %,d leads at %.0f/s%n", planned, options.rate());
        }
        advance(rollouts, 0); // the first model made the deployment's live model before the first lead
        Thread producer = new Thread(stream, "demo-simulator");
        producer.setDaemon(true);
        long streamStart = System.nanoTime();
        producer.start();
        long interval = view.terminal() ? 1000 : 5000;
        long lastScored = 0;
        long lastChange = System.nanoTime();
        long lastFrame = System.nanoTime();
        while (true) {
            boolean stop = stopRequested.getCount() == 0;
            if (stop) {
                Thread.sleep(ROLLOUT_TICK_MILLIS);
            } else {
                stop = stopRequested.await(ROLLOUT_TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (stop) {
                stream.stop();
            }
            long now = System.nanoTime();
            long elapsedMillis = (now - streamStart) / 1_000_000;
            double sentShare = options.keepRunning() ? (elapsedMillis >= KEEP_RUNNING_ROLLOUTS_MILLIS ? 1 : 0)
                    : (double) stream.sent() / planned;
            advance(rollouts, stop ? 0 : sentShare);
            if ((now - lastFrame) / 1_000_000 < interval && !stream.finished()) {
                continue;
            }
            long scored = tally.distinctScored();
            double[] recent = tally.latencies().recentPercentiles(50, 99);
            view.show(new LiveView.Frame((now - started) / 1e9, stream.sent(), planned, scored, tally.deadLettered(),
                    (scored - lastScored) / ((now - lastFrame) / 1e9), recent[0], recent[1], instances(scorers),
                    String.join(" -> ", tally.scoresByModel().keySet()),
                    quality.byModel().values().stream().map(LiveOutcomes::line).toList(),
                    tally.actionable().tierMix(), rollouts.serving()));
            if (scored != lastScored) {
                lastChange = now;
            }
            lastScored = scored;
            lastFrame = now;
            if (stream.finished()) {
                boolean allScored = tally.missing(stream.acknowledged()) == 0;
                boolean poisonIn = tally.poisonDeadLettered().size() >= stream.poisonSent();
                if ((allScored && poisonIn) || (now - lastChange) / 1_000_000 > QUIET_MILLIS) {
                    break;
                }
                Thread.sleep(interval - ROLLOUT_TICK_MILLIS);
            }
        }
        if (stream.firstError() != null) {
            out.println("the simulator's producer reported: " + stream.firstError());
        }
        LiveOutcomes counted = awaitOutcomes(outcomes, stream.acknowledged().keySet(), quality, tally, rollouts);
        return summary(infrastructure, stream, tally, counted, rollouts, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Lets the outcomes still pending fall due and be sent, then waits until the monitor has counted all of them (or
     * nothing changed for a while): the outcomes are the last thing the world sends back.
     */
    private LiveOutcomes awaitOutcomes(OutcomeProducer outcomes, Set<String> leads, LiveQuality quality,
                                       ScoreTally tally, DemoRollouts rollouts) throws InterruptedException {
        view.release();
        out.printf("waiting for the last %,d outcomes and the monitor's count%n", outcomes.pending());
        outcomes.close(OUTCOME_WAIT);
        OutcomeCounts counts = outcomes.counts();
        long sent = counts.converted() + counts.notConverted();
        long deadline = System.nanoTime() + OUTCOME_WAIT.toNanos();
        long expected = tally.expectedLabels(leads);
        long labelled = quality.labelled();
        while (labelled < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            labelled = quality.labelled();
            advance(rollouts, 0);
        }
        advance(rollouts, 0);
        return new LiveOutcomes(sent, labelled, expected, quality.byModel());
    }

    private DemoSummary summary(Infrastructure infrastructure, LiveStream stream, ScoreTally tally, LiveOutcomes outcomes,
                                DemoRollouts rollouts, double seconds) {
        Map<String, Truth> acknowledged = new HashMap<>(stream.acknowledged());
        int n = 0;
        double[] probabilities = new double[acknowledged.size()];
        boolean[] labels = new boolean[acknowledged.size()];
        long truePositives = 0;
        long predictedPositives = 0;
        long positives = 0;
        for (Map.Entry<String, Truth> lead : acknowledged.entrySet()) {
            ScoredLead score = tally.scoreOf(lead.getKey());
            if (score == null) {
                continue;
            }
            Truth truth = lead.getValue();
            probabilities[n] = truth.probability();
            labels[n] = truth.converted();
            n++;
            positives += truth.converted() ? 1 : 0;
            predictedPositives += score.getLabel() ? 1 : 0;
            truePositives += score.getLabel() && truth.converted() ? 1 : 0;
        }
        double liveF1 = positives + predictedPositives == 0 ? Double.NaN : 2.0 * truePositives / (positives + predictedPositives);
        double oracleF1 = n == 0 ? Double.NaN : OracleF1.of(java.util.Arrays.copyOf(probabilities, n),
                java.util.Arrays.copyOf(labels, n)).f1();
        List<String> missed = new ArrayList<>();
        if (stream.poisonSent() > 0) {
            Set<String> seen = tally.poisonDeadLettered();
            for (String kind : PoisonRecords.KINDS) {
                if (!seen.contains(kind)) {
                    missed.add(kind);
                }
            }
        }
        Map<String, Long> byModel = tally.scoresByModel();
        double span = tally.scoringSpanMillis() / 1000.0;
        return new DemoSummary(acknowledged.size(), n, tally.deadLettered(), acknowledged.size() - n, tally.duplicated(),
                stream.poisonSent(), missed, List.copyOf(byModel.keySet()), byModel, !tally.statusReports().isEmpty(),
                liveF1, oracleF1, span > 0 ? n / span : Double.NaN, tally.latencies().percentile(50),
                tally.latencies().percentile(99), infrastructure.bootstrapServers(), infrastructure.registryUrl(),
                options.instances(), seconds, outcomes, tally.actionable(), tally.shadowScored(),
                tally.shadowDuplicated(),
                new DemoSummary.Rollouts(rollouts.record(), rollouts.brokenPromoted(), rollouts.brokenLive()));
    }

    /** Lets the rollouts take their next step and prints every command written since the last frame. */
    private void advance(DemoRollouts rollouts, double sentShare) {
        List<String> lines;
        try {
            lines = rollouts.advance(sentShare);
        } catch (RuntimeException e) {
            lines = List.of("warning: " + e.getMessage());
        }
        if (!lines.isEmpty()) {
            view.release();
            lines.forEach(line -> out.println("rollout: " + line));
        }
    }

    /**
     * Until every instance's streams and the monitor's are RUNNING (the groups have settled their partitions), so the
     * stream starts on a ready fleet.
     */
    private void awaitRunning(List<ScorerInstance> scorers, MonitorInstance monitor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (scorers.stream().allMatch(s -> s.streamsState().map(KafkaStreams.State.RUNNING::equals).orElse(false))
                    && monitor.streamsState().map(KafkaStreams.State.RUNNING::equals).orElse(false)) {
                return;
            }
            Thread.sleep(200);
        }
        out.println("warning: not every scorer instance and the monitor are RUNNING after 120 s: " + instances(scorers)
                + ", monitor " + monitor.streamsState().map(Enum::name).orElse("STOPPED"));
    }

    private static List<String> instances(List<ScorerInstance> scorers) {
        List<String> lines = new ArrayList<>();
        for (ScorerInstance scorer : scorers) {
            lines.add(scorer.name() + ": " + scorer.activeModelId().orElse("(no model)") + " "
                    + scorer.streamsState().map(Enum::name).orElse("STOPPED"));
        }
        return lines;
    }

    private Map<String, Object> scorerProperties(String name, Infrastructure infrastructure, DemoTopics topics,
                                                 DemoModels.Models models, Path work) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("scorer.application-id", APPLICATION_ID);
        properties.put("scorer.instance-id", "demo-" + name);
        properties.put("scorer.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        properties.put("scorer.kafka.state-dir", work.resolve("state-" + name).toString());
        properties.put("scorer.registry.url", infrastructure.registryUrl());
        properties.put("scorer.topics.input", topics.input());
        properties.put("scorer.topics.output", topics.scores());
        properties.put("scorer.topics.shadow-scores", topics.shadowScores());
        properties.put("scorer.topics.dead-letter", topics.deadLetters());
        properties.put("scorer.topics.control", topics.control());
        properties.put("scorer.topics.status", topics.status());
        properties.put("scorer.model.initial-bundle", models.first().dir().toString());
        properties.put("scorer.model.store", options.store().toAbsolutePath().toString());
        return properties;
    }

    private Map<String, Object> monitorProperties(Infrastructure infrastructure, DemoTopics topics, Path work) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("monitor.application-id", APPLICATION_ID + "-monitor");
        properties.put("monitor.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        properties.put("monitor.kafka.state-dir", work.resolve("state-monitor").toString());
        properties.put("monitor.registry.url", infrastructure.registryUrl());
        properties.put("monitor.topics.scores", topics.scores());
        properties.put("monitor.topics.shadow-scores", topics.shadowScores());
        properties.put("monitor.topics.control", topics.control());
        properties.put("monitor.rollout.deployment", APPLICATION_ID);
        properties.put("monitor.rollout.evaluate-interval", ROLLOUT_EVALUATE_INTERVAL);
        properties.put("monitor.topics.outcomes", topics.outcomes());
        properties.put("monitor.topics.events", topics.input());
        properties.put("monitor.topics.quality", topics.quality());
        properties.put("monitor.topics.dead-letter", topics.outcomeDeadLetters());
        properties.put("monitor.topics.scorer-dead-letter", topics.deadLetters());
        properties.put("monitor.quality.window", "1m");
        properties.put("monitor.quality.report-interval", "1s");
        properties.put("monitor.model-store", options.store().toAbsolutePath().toString());
        return properties;
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
