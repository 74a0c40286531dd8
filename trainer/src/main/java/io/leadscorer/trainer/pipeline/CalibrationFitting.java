package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.tiers.PercentileTable;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.model.tiers.Tier;
import io.leadscorer.trainer.calibrate.CalibrationReport;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.leadscorer.trainer.evaluate.ScoredLabels;
import io.leadscorer.trainer.evaluate.WithoutNetwork;
import io.leadscorer.trainer.train.EncodedLeads;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pipeline's calibration phase: the served probability is the calibrated one, network and effects each with its
 * own slope, fitted on the validation leads, and the threshold and the tiers are chosen on that scale; beside it the
 * value effects alone, calibrated alike, so that the network's share can be told.
 */
final class CalibrationFitting {
    private final long seed;
    private final List<Double> tierShares;

    CalibrationFitting(long seed, List<Double> tierShares) {
        this.seed = seed;
        this.tierShares = tierShares;
    }

    CalibratedScores fit(TrainedModel model, FittedEffects effects, EffectKeys keys, StratifiedSplit.Parts parts,
                         EncodedLeads validation, PrintStream console) {
        float[] raw = model.validationProbabilities();
        double[] shifts = effects.judged().shifts(LeadRow.records(parts.validation()), keys);
        Calibration calibration = Calibration.fitPlatt(raw, shifts, validation.labels());
        CalibrationReport report = CalibrationReport.of(calibration, raw, shifts, validation.labels(), seed);
        float[] servedValidation = calibration.apply(raw, shifts);
        ScoredLabels scored = ScoredLabels.of(validation.labels(), servedValidation);
        console.printf(Locale.ROOT, "calibration: sigmoid(%.3f x network log-odds + %.3f x effects %+.3f)%n",
                calibration.slope(), calibration.effectsSlope(), calibration.intercept());
        ScoreTiers tiers = ScoreTiers.fit(CalibratedScores.doubles(servedValidation), validation.labels(), tierShares,
                PercentileTable.DEFAULT_QUANTILES);
        console.println(describe(tiers));
        double threshold = scored.bestF1Threshold();
        BinaryMetrics metrics = scored.metricsAt(threshold);
        Optional<WithoutNetwork> withoutNetwork = withoutNetwork(effects, shifts, validation.labels());
        withoutNetwork.ifPresent(alone -> console.printf(Locale.ROOT,
                "without the network: the value effects alone, calibrated alike, validation F1 %.4f (the bundle %.4f)%n",
                alone.validationF1(), metrics.f1()));
        return new CalibratedScores(calibration, report, servedValidation, scored, tiers, threshold, metrics,
                withoutNetwork);
    }

    private static Optional<WithoutNetwork> withoutNetwork(FittedEffects effects, double[] shifts, boolean[] labels) {
        if (effects.served().isEmpty()) {
            return Optional.empty();
        }
        Calibration alone = Calibration.fitEffectsAlone(shifts, labels);
        ScoredLabels scored = ScoredLabels.of(labels, alone.apply(new float[shifts.length], shifts));
        double threshold = scored.bestF1Threshold();
        return Optional.of(new WithoutNetwork(alone, threshold, scored.metricsAt(threshold).f1()));
    }

    /** One line: each tier's start, share and validation conversion rate. */
    private static String describe(ScoreTiers tiers) {
        StringBuilder line = new StringBuilder("tiers on the validation rows (base rate ")
                .append(String.format(Locale.ROOT, "%.1f%%):", 100 * tiers.baseRate()));
        for (Tier tier : tiers.tiers()) {
            line.append(String.format(Locale.ROOT, " %s from %.3f (%d leads, %s converted);", tier.name(),
                    tier.minProbability(), tier.leads(), tier.conversionRate() == null ? "none"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * tier.conversionRate())));
        }
        line.setLength(line.length() - 1);
        return line.toString();
    }
}
