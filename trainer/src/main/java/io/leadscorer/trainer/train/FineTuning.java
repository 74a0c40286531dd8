package io.leadscorer.trainer.train;

import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import io.leadscorer.model.network.BatchInputs;
import io.leadscorer.model.network.BertClassifier;
import io.leadscorer.model.tokenizer.Encoded;
import io.leadscorer.trainer.evaluate.ScoredLabels;
import io.leadscorer.trainer.sam.AdamWOptimizer;
import io.leadscorer.trainer.sam.OptimizerStep;
import io.leadscorer.trainer.sam.PlainStep;
import io.leadscorer.trainer.sam.SharpnessAwareStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trains the classifier for one {@link StagePlan}: shuffled mini-batches (with {@link TokenDropout} when the plan
 * asks for it), binary cross-entropy on the single logit (plus the leads' fixed offsets when they have them), AdamW
 * with SAM/ASAM or plain steps, warm-up and decay, validation after every epoch, early stopping on validation loss
 * with the best weights restored at the end.
 */
public final class FineTuning {
    private static final Logger LOG = LoggerFactory.getLogger(FineTuning.class);
    private final BertClassifier network;
    private final NDManager manager;
    private final int evalBatchSize;
    private final long seed;
    private final long maskId;
    private final PrintStream progress;

    /** What a stage did: its epochs, the epoch whose weights were kept, and that epoch's validation figures. */
    public record Outcome(List<EpochRecord> epochs, int keptEpoch) {
        public EpochRecord kept() {
            return epochs.stream().filter(e -> e.epoch() == keptEpoch).findFirst().orElseThrow();
        }
    }

    /** {@code maskId}: the token that {@link TokenDropout} puts in place of hidden ones (-1: none). */
    public FineTuning(BertClassifier network, NDManager manager, int evalBatchSize, long seed, long maskId,
                      PrintStream progress) {
        this.network = network;
        this.manager = manager;
        this.evalBatchSize = evalBatchSize;
        this.seed = seed;
        this.maskId = maskId;
        this.progress = progress;
    }

    public Outcome run(StagePlan plan, EncodedLeads training, EncodedLeads validation) {
        List<Parameter> parameters = new ArrayList<>(network.parametersByHfName().values());
        int stepsPerEpoch = (training.size() + plan.batchSize() - 1) / plan.batchSize();
        OptimizerStep step = optimizerStep(plan, parameters, stepsPerEpoch * plan.epochs());
        TokenDropout dropout = plan.tokenDropout() > 0 ? new TokenDropout(plan.tokenDropout(), maskId) : TokenDropout.off();
        ParameterStore store = new ParameterStore(manager, false);
        Loss loss = Loss.sigmoidBinaryCrossEntropyLoss();
        List<EpochRecord> epochs = new ArrayList<>();
        ParameterSnapshot best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int keptEpoch = 0;
        int epochsWithoutImprovement = 0;
        double lastF1 = Double.NaN;
        try {
            for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
                Random random = new Random(seed * 1_000_003L + plan.name().hashCode() * 31L + epoch);
                int[] order = shuffled(training.size(), random);
                double lossSum = 0;
                EpochRecord record;
                try (EpochProgress bar = new EpochProgress(progress, plan.name(), epoch, plan.epochs(), training.size(), lastF1)) {
                    long started = System.nanoTime();
                    for (int start = 0, batchNo = 0; start < order.length; start += plan.batchSize(), batchNo++) {
                        int end = Math.min(order.length, start + plan.batchSize());
                        List<Encoded> batch = new ArrayList<>(end - start);
                        float[] labels = new float[end - start];
                        float[] offsets = training.hasOffsets() ? new float[end - start] : null;
                        for (int i = start; i < end; i++) {
                            batch.add(dropout.apply(training.encoded().get(order[i]), random));
                            labels[i - start] = training.labels()[order[i]] ? 1f : 0f;
                            if (offsets != null) {
                                offsets[i - start] = training.offsets()[order[i]];
                            }
                        }
                        try (NDManager stepManager = manager.newSubManager()) {
                            NDList inputs = BatchInputs.of(stepManager, batch);
                            NDArray truth = stepManager.create(labels);
                            NDArray offset = offsets == null ? null : stepManager.create(offsets);
                            lossSum += step.step(stepManager, () -> loss.evaluate(new NDList(truth),
                                    withOffset(network.forward(store, inputs, true), offset)));
                        } catch (TrainingDivergedException e) {
                            throw new TrainingDivergedException(String.format(Locale.ROOT,
                                    "%s stage, epoch %d, step %d of %d (%s, learning rate %s): %s", plan.name(), epoch,
                                    batchNo + 1, stepsPerEpoch, plan.optimizer(), plan.learningRate(), e.getMessage()));
                        }
                        bar.advance(end - start, lossSum / (batchNo + 1));
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    ScoredLabels scored = ScoredLabels.of(validation.labels(),
                            Probabilities.withOffsets(network, manager, validation, evalBatchSize));
                    double threshold = scored.bestF1Threshold();
                    record = new EpochRecord(plan.name(), epoch, lossSum / stepsPerEpoch, scored.logLoss(),
                            scored.metricsAt(threshold).f1(), threshold, seconds, training.size() / seconds);
                    bar.validated(record.trainingLoss(), record.validationLoss(), record.validationF1());
                }
                double validationLoss = record.validationLoss();
                double f1 = record.validationF1();
                double threshold = record.validationThreshold();
                double seconds = record.seconds();
                epochs.add(record);
                lastF1 = f1;
                LOG.info(String.format(Locale.ROOT,
                        "%s epoch %d: training loss %.4f, validation loss %.4f, validation F1 %.4f at %.4f, %.0f s, %.0f rows/s",
                        plan.name(), epoch, record.trainingLoss(), validationLoss, f1, threshold, seconds,
                        record.rowsPerSecond()));
                if (plan.patience() == 0 || validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    keptEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (best != null) {
                        best.close();
                    }
                    best = new ParameterSnapshot(manager, parameters);
                } else if (++epochsWithoutImprovement >= plan.patience()) {
                    LOG.info("{}: validation loss has not improved for {} epochs; stopping early", plan.name(),
                            epochsWithoutImprovement);
                    break;
                }
            }
            if (best != null && keptEpoch != epochs.size()) {
                LOG.info("{}: restoring the weights of epoch {} (lowest validation loss)", plan.name(), keptEpoch);
                best.restore();
            }
        } finally {
            if (best != null) {
                best.close();
            }
        }
        return new Outcome(epochs, keptEpoch);
    }

    private static NDList withOffset(NDList logits, NDArray offset) {
        return offset == null ? logits : new NDList(logits.singletonOrThrow().add(offset));
    }

    private OptimizerStep optimizerStep(StagePlan plan, List<Parameter> parameters, int totalSteps) {
        Tracker learningRate = LearningRateSchedule.of(plan.learningRate(), totalSteps, plan.warmupFraction(), plan.decay());
        AdamWOptimizer adamW = new AdamWOptimizer(learningRate, (float) plan.weightDecay(), undecayed());
        return switch (plan.optimizer()) {
            case SAM -> new SharpnessAwareStep(parameters, adamW, plan.rho(), false, plan.asamEta(), plan.clipNorm());
            case ASAM -> new SharpnessAwareStep(parameters, adamW, plan.rho(), true, plan.asamEta(), plan.clipNorm());
            case ADAMW -> new PlainStep(parameters, adamW, plan.clipNorm());
        };
    }

    /** Biases and layer-norm parameters, which BERT's recipe leaves out of weight decay. */
    private Set<String> undecayed() {
        return network.parametersByHfName().entrySet().stream()
                .filter(e -> e.getKey().endsWith("bias") || e.getKey().contains("LayerNorm"))
                .map(Map.Entry::getValue)
                .map(Parameter::getId)
                .collect(Collectors.toSet());
    }

    private static int[] shuffled(int size, Random random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
