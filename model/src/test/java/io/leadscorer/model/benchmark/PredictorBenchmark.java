package io.leadscorer.model.benchmark;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.Devices;
import io.leadscorer.model.predict.LeadPredictor;
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
 * The predictor table of BENCHMARKS.md: {@link LeadPredictor#predict} throughput (leads/s) and per-batch latency
 * for the compact network at several batch sizes, side by side in one JVM. The bundle has random weights and a
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

        try (LeadPredictor predictor = LeadPredictor.open(bundle, device)) {
            System.out.printf(Locale.ROOT, "network %s%ndevice %s, %d threads available, %.1f tokens per lead on average%n",
                    bundle.manifest().network(), predictor.device(), Runtime.getRuntime().availableProcessors(), meanTokens);
            for (int size : sizes) {
                measure(predictor, events, size, 1.0);
            }
            List<List<Round>> rounds = new ArrayList<>();
            for (int size : sizes) {
                rounds.add(new ArrayList<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    rounds.get(i).add(measure(predictor, events, sizes[i], SECONDS_PER_SIZE_AND_ROUND));
                }
            }
            double baseline = median(rounds.get(0)).leadsPerSecond();
            System.out.println();
            System.out.println("| batch | leads/s | x batch " + sizes[0] + " | batch p50 ms | batch p99 ms | ms per lead |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int i = 0; i < sizes.length; i++) {
                Round r = median(rounds.get(i));
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.3f |%n", sizes[i], r.leadsPerSecond(),
                        r.leadsPerSecond() / baseline, r.p50Millis(), r.p99Millis(), 1000.0 / r.leadsPerSecond());
            }
        }
    }

    /** One timed stretch at one batch size: consecutive batches of distinct events, each timed alone. */
    private static Round measure(LeadPredictor predictor, List<MqlEvent> events, int size, double seconds) {
        List<Long> nanos = new ArrayList<>();
        long leads = 0;
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
            float[] scores = predictor.predict(batch);
            nanos.add(System.nanoTime() - t0);
            if (scores.length != size) {
                throw new IllegalStateException("asked for " + size + " scores, got " + scores.length);
            }
            leads += size;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Round(leads / elapsed, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare(a.leadsPerSecond(), b.leadsPerSecond()));
        return sorted.get(sorted.size() / 2);
    }

    private record Round(double leadsPerSecond, double p50Millis, double p99Millis) {
    }
}
