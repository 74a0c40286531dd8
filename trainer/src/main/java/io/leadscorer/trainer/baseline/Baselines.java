package io.leadscorer.trainer.baseline;

import io.leadscorer.trainer.config.BaselineSettings;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.evaluate.ScoredLabels;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Trains the baselines on the trainer's own stratified split (same seed and validation fraction, no
 * augmentation or pruning), picks each one's threshold on validation, and scores the test rows with it.
 */
@Singleton
public final class Baselines {
    private static final Logger LOG = LoggerFactory.getLogger(Baselines.class);
    private final TrainingSettings training;
    private final BaselineSettings settings;

    public Baselines(TrainingSettings training, BaselineSettings settings) {
        this.training = training;
        this.settings = settings;
    }

    public BaselinesReport run(List<LeadRow> rows, List<LeadRow> test) {
        StratifiedSplit.Parts parts = new StratifiedSplit(training.validationFraction(), training.seed()).split(rows);
        BaselineResult logistic = evaluate(new LogisticRegressionBaseline(settings.minCategoryCount(),
                settings.numberBins(), settings.logisticEpochs(), training.seed()), parts, test);
        BaselineResult trees = evaluate(new BoostedTreesBaseline(settings, training.seed(), training.threads()), parts, test);
        BaselineResult targetEncoded = evaluate(new BoostedTreesBaseline(settings, training.seed(), training.threads(),
                new OutOfFoldTargetEncoding(settings.targetEncodedColumns(), settings.targetEncodingFolds(),
                        settings.targetEncodingSmoothing(), training.seed())), parts, test);
        BaselineResult valueEffects = training.valueEffects().columns().isEmpty() ? null : evaluate(
                new ValueEffectsBaseline(training.valueEffects().columns(), training.valueEffects().priorSds(), training.threads()),
                parts, test);
        return new BaselinesReport(parts.training().size(), parts.validation().size(), test.size(), logistic, trees,
                targetEncoded, valueEffects);
    }

    private static BaselineResult evaluate(Baseline baseline, StratifiedSplit.Parts parts, List<LeadRow> test) {
        long started = System.nanoTime();
        baseline.fit(parts.training(), parts.validation());
        ScoredLabels validation = new ScoredLabels(LeadRow.labels(parts.validation()),
                baseline.probabilities(parts.validation()));
        double threshold = validation.bestF1Threshold();
        double validationF1 = validation.metricsAt(threshold).f1();
        ScoredLabels scored = new ScoredLabels(LeadRow.labels(test), baseline.probabilities(test));
        double seconds = (System.nanoTime() - started) / 1e9;
        BaselineResult result = new BaselineResult(baseline.name(), validationF1, scored.metricsAt(threshold), seconds);
        LOG.info("{}: validation F1 {}, test F1 {} at threshold {} ({} s)", baseline.name(), validationF1,
                result.test().f1(), threshold, Math.round(seconds));
        return result;
    }

}
