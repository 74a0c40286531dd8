package io.leadscorer.scorer.benchmark;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.BundleModel;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.testing.CompactBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.Shadow;
import io.leadscorer.scorer.predict.ShadowScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The shadow's cost on the scoring path: leads/s of one stream thread's scorer serving one compact model alone against
 * the same scorer serving it live with a second compact model in shadow, side by side in one run (rounds alternate,
 * so that load from elsewhere on a shared machine hits both alike). The stream thread submits batches of 32 as the
 * micro-batch processor does, two in flight (tokenizing the next while the current runs its forward pass), and
 * collects each with its shadow part; PyTorch gets the service's intra-op threads for one stream thread (half the
 * cores). The two bundles are trained on the same texts, so they read leads alike and the shadow reuses the live
 * tokens; the figure printed last is the median ratio shadowed/alone. Kafka is left out: it adds the same cost to
 * both and would only hide the shadow's.
 * <pre>OMP_WAIT_POLICY=PASSIVE ./mvnw -B -ntp -o -q -pl scorer test-compile exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=io.leadscorer.scorer.benchmark.ShadowBenchmark -Dai.djl.offline=true [-Dexec.args="ROUNDS LEADS"]</pre>
 * Arguments: rounds (default 5) and leads per measurement (default 8000).
 */
public final class ShadowBenchmark {

    private static final int BATCH = 32;
    private static final int IN_FLIGHT = 2;

    private ShadowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        int intraOp = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path store = Files.createTempDirectory("shadow-benchmark");
        List<MqlEvent> leads = ScorerBenchmark.simulatedLeads(count);
        List<String> texts = leads.stream().map(event -> LeadText.of(TextSpec.defaults(), LeadRecord.of(event))).toList();
        Bundle live = CompactBundles.create(store, texts);
        Thread.sleep(1100);
        Bundle candidate = CompactBundles.create(store, texts);
        boolean shared;
        try (LeadPredictor one = LeadPredictor.open(live, Device.cpu());
             LeadPredictor two = LeadPredictor.open(candidate, Device.cpu())) {
            shared = two.tokenizesLike(one);
        }
        ActiveGeneration alone = new ActiveGeneration();
        alone.switchTo(generation(live, 1));
        ActiveGeneration shadowed = new ActiveGeneration();
        shadowed.serve(generation(live, 2), new Shadow(generation(candidate, 3), ShadowRole.CANDIDATE,
                Instant.now().plus(1, ChronoUnit.DAYS)));
        System.out.printf(Locale.ROOT, "%d leads per measurement, batches of %d, %d in flight, %d intra-op thread(s), "
                + "%d cores; shadow reuses the live tokens: %s (%s)%n", count, BATCH, IN_FLIGHT, intraOp,
                Runtime.getRuntime().availableProcessors(), shared, live.manifest().network());
        try {
            run(alone, leads.subList(0, Math.min(count, 1000)));
            run(shadowed, leads.subList(0, Math.min(count, 1000)));
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double one = run(alone, leads);
                double both = run(shadowed, leads);
                ratios.add(both / one);
                System.out.printf(Locale.ROOT, "round %d: one model %.0f leads/s, with a shadow %.0f leads/s, "
                        + "ratio %.3f%n", round, one, both, both / one);
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "median ratio with a shadow / one model: %.3f%n", ratios.get(rounds / 2));
        } finally {
            alone.close();
            shadowed.close();
        }
    }

    private static Generation generation(Bundle bundle, long number) {
        Generation generation = new Generation(number, BundleModel.load(bundle, Device.cpu(), BATCH), closed -> { });
        generation.prepare(1);
        return generation;
    }

    /** Scores every lead in batches with {@code IN_FLIGHT} batches in flight; returns leads per second. */
    private static double run(ActiveGeneration active, List<MqlEvent> leads) {
        try (PredictorLeadScorer scorer = new PredictorLeadScorer(active)) {
            Deque<PendingScores> inFlight = new ArrayDeque<>();
            long start = System.nanoTime();
            for (int from = 0; from < leads.size(); from += BATCH) {
                if (inFlight.size() == IN_FLIGHT) {
                    collect(inFlight.poll());
                }
                inFlight.add(scorer.submit(leads.subList(from, Math.min(leads.size(), from + BATCH))));
            }
            while (!inFlight.isEmpty()) {
                collect(inFlight.poll());
            }
            return leads.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void collect(PendingScores pending) {
        pending.await();
        pending.shadow().filter(shadow -> !shadow.isScored()).map(ShadowScores::failure).ifPresent(failure -> {
            throw new IllegalStateException("the shadow failed", failure);
        });
    }
}
