package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.trainer.config.TrainingSettings;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.data.StratifiedSplit;
import io.leadscorer.trainer.effects.ValueEffectFit;
import io.leadscorer.trainer.effects.ValueEffectsReport;
import io.leadscorer.trainer.effects.PriorSearch;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline's value-effects phase: the priors searched on the validation rows, the effects the bundle serves, and
 * the line that tells the operator what they bought.
 */
final class EffectsFitting {
    private final TrainingSettings.ValueEffects settings;
    private final int threads;

    EffectsFitting(TrainingSettings.ValueEffects settings, int threads) {
        this.settings = settings;
        this.threads = threads;
    }

    /**
     * The value effects: fitted on the training rows, judged on the validation rows (calibration and threshold too);
     * served: what the bundle gets, refitted on both splits when the settings say so.
     */
    FittedEffects fit(StratifiedSplit.Parts parts, EffectKeys keys, PrintStream console) {
        if (settings.columns().isEmpty()) {
            return FittedEffects.NONE;
        }
        long effectsStarted = System.nanoTime();
        PriorSearch.Choice choice = searchValueEffects(parts, keys);
        boolean refit = settings.refitWithValidation();
        ValueEffects served = refit ? refitValueEffects(parts, keys, choice.priorSds()) : choice.effects();
        ValueEffectsReport report = ValueEffectsReport.of(settings.columns(), choice, served, refit,
                (System.nanoTime() - effectsStarted) / 1e9);
        console.printf(Locale.ROOT, "value effects: prior sd %s; validation log loss %.4f at the base rate, "
                        + "%.4f with the effects alone%s (%.0f s)%n",
                report.priorSds(), choice.withoutEffectsLogLoss(), choice.heldOutLogLoss(),
                refit ? "; refitted on training and validation rows" : "", report.seconds());
        return new FittedEffects(choice.effects(), served, report, choice.priorSds());
    }

    /**
     * Value effects of the settings' columns from the training rows, their priors chosen on the validation rows. The
     * effects are fitted on the base rate alone, not on the network: on its own training rows the network is
     * overconfident, which left effects fitted on its logit too small (docs/experiments/trainer-quality.md, "Value effects of every column");
     * the calibration then weighs the two on the validation rows.
     */
    private PriorSearch.Choice searchValueEffects(StratifiedSplit.Parts parts, EffectKeys keys) {
        List<String> columns = settings.columns();
        return PriorSearch.onBaseRate(columns, keys, LeadRow.records(parts.training()),
                        LeadRow.labels(parts.training()), LeadRow.records(parts.validation()),
                        LeadRow.labels(parts.validation()))
                .choose(columns.size(), settings.priorSds().stream().mapToDouble(Double::doubleValue).toArray(),
                        threads);
    }

    /**
     * The effects under the chosen priors from the training and the validation rows together: a fifth more rows per
     * value for the bundle, after the validation rows have chosen the priors, the calibration and the threshold with
     * effects fitted without them.
     */
    private ValueEffects refitValueEffects(StratifiedSplit.Parts parts, EffectKeys keys, double[] priorSds) {
        List<LeadRow> both = new ArrayList<>(parts.training());
        both.addAll(parts.validation());
        return new ValueEffectFit(settings.columns(), keys, LeadRow.records(both),
                ValueEffectFit.baseRateOffsets(LeadRow.labels(parts.training()), both.size()), LeadRow.labels(both))
                .fit(priorSds);
    }
}
