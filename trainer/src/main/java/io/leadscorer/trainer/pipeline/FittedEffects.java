package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.trainer.effects.ValueEffectsReport;

/**
 * The value effects of a run: {@code judged}, fitted on the training rows, is what calibration and the threshold are
 * measured with on the validation rows; {@code served}, what the bundle gets (refitted on both splits when the
 * settings say so); {@code priorSds}, the priors the validation rows chose, one per column. Without effect columns
 * both are {@link ValueEffects#NONE} and there is no report.
 */
record FittedEffects(ValueEffects judged, ValueEffects served, ValueEffectsReport report, double[] priorSds) {
    static final FittedEffects NONE = new FittedEffects(ValueEffects.NONE, ValueEffects.NONE, null, new double[0]);
}
