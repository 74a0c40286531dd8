package io.leadscorer.trainer.benchmark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import io.leadscorer.model.network.BatchInputs;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.tokenizer.Encoded;
import io.leadscorer.model.tokenizer.LeadTokenizer;
import io.leadscorer.model.tokenizer.WordPieceTokenizerBuilder;
import io.leadscorer.trainer.augment.MissingCellAugmenter;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.LeadTable;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.prune.ColumnImportance;
import io.leadscorer.trainer.prune.ColumnPruner;
import io.leadscorer.trainer.prune.Pruning;
import io.leadscorer.trainer.sam.AdamWOptimizer;
import io.leadscorer.trainer.sam.OptimizerStep;
import io.leadscorer.trainer.sam.PlainStep;
import io.leadscorer.trainer.sam.SharpnessAwareStep;
import io.leadscorer.model.text.LeadColumns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Measures what the compact default is chosen by (not a test): tokens per lead with a tokenizer built from the
 * augmented training split (the pipeline's split, augmentation and pruning), and the time of one optimiser step
 * of candidate compact networks at candidate max-token limits on real batches of 64, the candidates stepped in
 * turn so that load from other processes falls on all of them alike (medians reported). Run from the repository
 * root ({@code steps} 0 measures the tokens only):
 * <pre>
 * ./mvnw -B -ntp -q -pl trainer test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.leadscorer.trainer.benchmark.CompactNetworkBenchmark \
 *   -Dexec.args="train.csv [rows] [vocab] [steps] [dropped,columns | prune:MAX_ROWS]" -Dai.djl.offline=true
 * </pre>
 * On the 2-core machine, 60,000 simulated rows (seed 7), vocabulary asked 20,000 (9,800 words reach min frequency
 * 2): validation leads are 25.9 tokens on average, p99 35, max 37 (1.5% over 32, none over 40); from 3,000 rows
 * 30.9 on average, p99 57, 3% over 48. SAM step medians: 181 ms with feed-forward 256 at 48 tokens, 172 ms at 32
 * (batches pad to their longest lead, so the limit matters only for outliers), 210 ms with feed-forward 512, 228
 * ms with 512 at 64; plain AdamW 83 ms. Pruning's forest on 20,000 of the 48,000 training rows: 68 s.
 */
public final class CompactNetworkBenchmark {
    private static final long SEED = 42;
    private static final int BATCH = 64;

    private CompactNetworkBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        int vocabSize = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(2);

        LeadTable table = new CsvLeadReader().read(csv);
        List<LeadRow> all = table.rows().subList(0, Math.min(rows, table.rows().size()));
        StratifiedSplit.Parts parts = new StratifiedSplit(0.2, SEED).split(all);
        List<LeadRow> augmented = new MissingCellAugmenter(8, 0.2).augment(parts.training(), new Random(SEED));
        long started = System.nanoTime();
        Pruning pruning = args.length > 4 && !args[4].startsWith("prune:")
                ? new Pruning(java.util.Map.of(), List.of(args[4].split(",")))
                : new ColumnPruner(5, new ColumnImportance(new ColumnImportance.ForestSettings(60, 14, 0.3f, 0.25, 2,
                        args.length > 4 ? Integer.parseInt(args[4].substring("prune:".length())) : 20_000, SEED)))
                        .prune(LeadColumns.ALL, parts.training());
        System.out.printf(Locale.ROOT, "rows %d: training %d (%d augmented), validation %d; pruning %.1f s, dropped %s%n",
                all.size(), parts.training().size(), augmented.size(), parts.validation().size(),
                (System.nanoTime() - started) / 1e9, pruning.dropped());

        TextSpec spec = TextSpec.defaults().withDropped(pruning.dropped());
        LeadText text = LeadText.forSpec(spec);
        Path tokenizerFile = Files.createTempDirectory("compact-benchmark").resolve("tokenizer.json");
        new WordPieceTokenizerBuilder().vocabSize(vocabSize).minFrequency(2)
                .build(augmented.stream().map(r -> text.text(r.record())).toList(), tokenizerFile);
        List<Encoded> training;
        try (LeadTokenizer untruncated = LeadTokenizer.load(tokenizerFile, 512)) {
            System.out.printf(Locale.ROOT, "vocabulary %d (asked %d)%n", untruncated.vocabSize(), vocabSize);
            lengths("validation", untruncated.encode(parts.validation().stream().map(r -> text.text(r.record())).toList()));
            training = untruncated.encode(augmented.stream().map(r -> text.text(r.record())).toList());
            lengths("training (augmented)", training);
            if (steps == 0) {
                return;
            }
            int vocab = untruncated.vocabSize();
            List<Candidate> candidates = List.of(
                    new Candidate(vocab, 256, 48, true, training), new Candidate(vocab, 512, 48, true, training),
                    new Candidate(vocab, 256, 32, true, training), new Candidate(vocab, 512, 64, true, training),
                    new Candidate(vocab, 256, 48, false, training));
            try {
                Random random = new Random(SEED);
                for (int round = 0; round < 6; round++) {
                    for (Candidate candidate : candidates) {
                        candidate.steps(round == 0 ? 2 : 0, Math.max(1, steps / 5), random);
                    }
                }
                candidates.forEach(Candidate::report);
            } finally {
                candidates.forEach(Candidate::close);
            }
        }
    }

    private static void lengths(String name, List<Encoded> encoded) {
        int[] lengths = encoded.stream().mapToInt(Encoded::length).sorted().toArray();
        double mean = Arrays.stream(lengths).average().orElse(0);
        StringBuilder over = new StringBuilder();
        for (int limit : new int[] {32, 36, 40, 44, 48, 64}) {
            long count = Arrays.stream(lengths).filter(n -> n > limit).count();
            over.append(String.format(Locale.ROOT, " >%d: %d (%.2f%%)", limit, count, 100.0 * count / lengths.length));
        }
        System.out.printf(Locale.ROOT, "%s tokens per lead ([CLS], [SEP] included), %d leads: mean %.2f p50 %d p90 %d "
                        + "p95 %d p99 %d max %d;%s%n", name, lengths.length, mean, percentile(lengths, 0.5),
                percentile(lengths, 0.9), percentile(lengths, 0.95), percentile(lengths, 0.99),
                lengths[lengths.length - 1], over);
    }

    private static int percentile(int[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static List<Encoded> truncate(List<Encoded> encoded, int maxTokens) {
        List<Encoded> result = new ArrayList<>(encoded.size());
        for (Encoded e : encoded) {
            if (e.length() <= maxTokens) {
                result.add(e);
            } else {
                long[] ids = Arrays.copyOf(e.ids(), maxTokens);
                ids[maxTokens - 1] = e.ids()[e.length() - 1];
                result.add(new Encoded(ids, Arrays.copyOf(e.attentionMask(), maxTokens)));
            }
        }
        return result;
    }

    /** One network under test, stepped a few batches at a time in turn with the others (fair under noisy load). */
    private static final class Candidate implements AutoCloseable {
        private final BertConfig config;
        private final boolean sam;
        private final List<Encoded> leads;
        private final NDManager manager = NDManager.newBaseManager(Device.cpu());
        private final BertClassifier network;
        private final OptimizerStep step;
        private final ParameterStore store;
        private final Loss loss = Loss.sigmoidBinaryCrossEntropyLoss();
        private final List<Double> millis = new ArrayList<>();
        private long padded;

        Candidate(int vocab, int intermediate, int maxTokens, boolean sam, List<Encoded> leads) {
            this.config = new BertConfig(vocab, 128, 2, 4, intermediate, maxTokens, 2, 0.1, 0.1, 1e-12, BertConfig.GELU);
            this.sam = sam;
            this.leads = truncate(leads, maxTokens);
            Engine.getInstance().setRandomSeed((int) SEED);
            network = new BertClassifier(config);
            network.initialize(manager);
            List<Parameter> parameters = new ArrayList<>(network.parametersByHfName().values());
            AdamWOptimizer adamW = new AdamWOptimizer(Tracker.fixed(1e-4f), 0.01f, Set.of());
            step = sam ? new SharpnessAwareStep(parameters, adamW, 0.05, false, 0.01, 1.0)
                    : new PlainStep(parameters, adamW, 1.0);
            store = new ParameterStore(manager, false);
        }

        void steps(int warmUp, int measured, Random random) {
            for (int s = 0; s < warmUp + measured; s++) {
                List<Encoded> batch = new ArrayList<>(BATCH);
                float[] labels = new float[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    batch.add(leads.get(random.nextInt(leads.size())));
                    labels[i] = random.nextInt(10) == 0 ? 1 : 0;
                }
                long t0 = System.nanoTime();
                try (NDManager stepManager = manager.newSubManager()) {
                    NDList inputs = BatchInputs.of(stepManager, batch);
                    NDArray truth = stepManager.create(labels);
                    step.step(stepManager, () -> loss.evaluate(new NDList(truth), network.forward(store, inputs, true)));
                }
                if (s >= warmUp) {
                    millis.add((System.nanoTime() - t0) / 1e6);
                    padded += batch.stream().mapToInt(Encoded::length).max().orElse(0);
                }
            }
        }

        void report() {
            double[] sorted = millis.stream().mapToDouble(d -> d).sorted().toArray();
            double median = sorted[sorted.length / 2];
            double rowsPerSecond = BATCH * 1000 / median;
            System.out.printf(Locale.ROOT, "%s intermediate %d, max tokens %d: median %.1f ms/step of %d (%d steps, "
                            + "min %.1f, padded to %.1f on average), %.0f rows/s, epoch of %d rows %.0f s%n",
                    sam ? "SAM  " : "AdamW", config.intermediateSize(), config.maxPositionEmbeddings(), median, BATCH,
                    sorted.length, sorted[0], (double) padded / sorted.length, rowsPerSecond, leads.size(),
                    leads.size() / rowsPerSecond);
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
