package io.leadscorer.model.benchmark;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.BundleModel;
import io.leadscorer.model.predict.Devices;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.predict.ShapeBuckets;
import io.leadscorer.model.predict.TokenizedBatch;
import io.leadscorer.model.testing.CompactBundles;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import io.leadscorer.simulator.world.MqlWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The predictor table of BENCHMARKS.md: {@link LeadPredictor#predict} throughput (leads/s), per-batch latency and the
 * split between tokenizing and the forward passes, for the compact network at several batch sizes, with the
 * device's standard shapes, with fixed buckets (as on a GPU) and as before buckets (one pass per batch padded to its
 * longest lead), side by side in one JVM. The bundle has random weights and a
 * tokenizer built from simulated lead text (cost does not depend on what the weights learnt); events come from the
 * simulator, so sequences are as long as in production. Batch sizes are measured in interleaved rounds and the
 * median round is reported, so that machine noise hits every batch size alike.
 * <p>
 * Run from the repository root:
 * <pre>./mvnw -B -ntp -q -pl model test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.leadscorer.model.benchmark.PredictorBenchmark [-Dexec.args="cpu 1,8,32,128"]</pre>
 * Arguments: device ({@code auto}, {@code cpu}, {@code gpu}) and the batch sizes.
 */
public final class PredictorBenchmark {

    private static final int CORPUS = 20_000;
    private static final int ROUNDS = 5;
    private static final double SECONDS_PER_SIZE_AND_ROUND = 3.0;

    private PredictorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Device device = Devices.choose(args.length > 0 ? args[0] : "auto");
        int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "1,8,32,128").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();

        MqlWorld world = MqlWorld.create(11);
        List<MqlEvent> events = new ArrayList<>(CORPUS);
        List<String> texts = new ArrayList<>(CORPUS);
        LeadText text = LeadText.forSpec(TextSpec.defaults());
        for (int i = 0; i < CORPUS; i++) {
            MqlEvent event = world.next().event();
            events.add(event);
            texts.add(text.text(LeadRecord.of(event)));
        }
        Path store = Files.createTempDirectory("predictor-benchmark");
        Bundle bundle = CompactBundles.create(store, texts);
        double meanTokens;
        try (LeadTokenizer tokenizer = LeadTokenizer.load(bundle.file(LeadPredictor.TOKENIZER_FILE),
                TextSpec.defaults().maxTokens())) {
            meanTokens = tokenizer.encode(texts.subList(0, 2_000)).stream().mapToInt(e -> e.length()).average()
                    .orElse(0);
        }

        int largest = Arrays.stream(sizes).max().orElseThrow();
        try (BundleModel standardModel = BundleModel.load(bundle, device, largest);
                BundleModel fixedModel = BundleModel.load(bundle, device, positions -> ShapeBuckets.fixed(largest, positions));
                BundleModel onePassModel = BundleModel.load(bundle, device, positions -> ShapeBuckets.exact(largest, positions));
                LeadPredictor standard = standardModel.newPredictor();
                LeadPredictor fixed = fixedModel.newPredictor();
                LeadPredictor onePass = onePassModel.newPredictor()) {
            LeadPredictor[] predictors = {standard, fixed, onePass};
            String[] names = {"standard on " + device + ": " + standard.buckets(), "fixed buckets: " + fixed.buckets(),
                    "one pass per batch, padded to its longest lead (before buckets)"};
            System.out.printf(Locale.ROOT, "network %s%ndevice %s, %d cores, PyTorch intra-op threads %s, OMP_WAIT_POLICY %s, "
                            + "%.1f tokens per lead on average%n", bundle.manifest().network(), standard.device(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"), meanTokens);
            for (LeadPredictor predictor : new LeadPredictor[] {standard, fixed}) {
                long warmUpStart = System.nanoTime();
                int shapes = predictor.warmUp();
                System.out.printf(Locale.ROOT, "warm-up of %s: %d shapes in %d ms%n", predictor.buckets(), shapes,
                        millisSince(warmUpStart));
            }
            for (LeadPredictor predictor : predictors) {
                for (int size : sizes) {
                    measure(predictor, events, size, 1.0);
                }
            }
            List<List<Round>> rounds = new ArrayList<>();
            for (int i = 0; i < sizes.length * predictors.length; i++) {
                rounds.add(new ArrayList<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int p = 0; p < predictors.length; p++) {
                    for (int i = 0; i < sizes.length; i++) {
                        rounds.get(p * sizes.length + i).add(measure(predictors[p], events, sizes[i],
                                SECONDS_PER_SIZE_AND_ROUND));
                    }
                }
            }
            for (int p = 0; p < predictors.length; p++) {
                double baseline = median(rounds.get(p * sizes.length)).leadsPerSecond();
                System.out.println();
                System.out.println(names[p]);
                System.out.println("| batch | leads/s | x batch " + sizes[0] + " | batch p50 ms | batch p99 ms | ms per lead"
                        + " | tokenize ms per lead | forward ms per lead |");
                System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                for (int i = 0; i < sizes.length; i++) {
                    Round r = median(rounds.get(p * sizes.length + i));
                    System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f |%n", sizes[i],
                            r.leadsPerSecond(), r.leadsPerSecond() / baseline, r.p50Millis(), r.p99Millis(),
                            1000.0 / r.leadsPerSecond(), r.tokenizeMillisPerLead(), r.forwardMillisPerLead());
                }
            }
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * One timed stretch at one batch size: consecutive batches of distinct events, each timed alone, split into its
     * two halves (lead text and tokens; forward passes).
     */
    private static Round measure(LeadPredictor predictor, List<MqlEvent> events, int size, double seconds) {
        List<Long> nanos = new ArrayList<>();
        long leads = 0;
        long tokenizing = 0;
        long forward = 0;
        int offset = (int) (Math.random() * events.size());
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline || nanos.size() < 3) {
            List<MqlEvent> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(events.get((offset + i) % events.size()));
            }
            offset = (offset + size) % events.size();
            long t0 = System.nanoTime();
            TokenizedBatch tokenized = predictor.tokenize(batch);
            long t1 = System.nanoTime();
            float[] scores = predictor.score(tokenized);
            long t2 = System.nanoTime();
            nanos.add(t2 - t0);
            tokenizing += t1 - t0;
            forward += t2 - t1;
            if (scores.length != size) {
                throw new IllegalStateException("asked for " + size + " scores, got " + scores.length);
            }
            leads += size;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Round(leads / elapsed, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                tokenizing / 1e6 / leads, forward / 1e6 / leads);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare(a.leadsPerSecond(), b.leadsPerSecond()));
        return sorted.get(sorted.size() / 2);
    }

    private record Round(double leadsPerSecond, double p50Millis, double p99Millis, double tokenizeMillisPerLead,
                         double forwardMillisPerLead) {
    }
}
