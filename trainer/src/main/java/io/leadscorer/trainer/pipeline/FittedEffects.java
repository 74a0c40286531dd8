package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.effects.IdEffects;
import io.leadscorer.trainer.effects.IdEffectsReport;

/**
 * The value effects of a run: {@code judged}, fitted on the training rows, is what calibration and the threshold are
 * measured with on the validation rows; {@code served}, what the bundle gets (refitted on both splits when the
 * settings say so). Without effect columns both are {@link IdEffects#NONE} and there is no report.
 */
record FittedEffects(IdEffects judged, IdEffects served, IdEffectsReport report) {
    static final FittedEffects NONE = new FittedEffects(IdEffects.NONE, IdEffects.NONE, null);
}
