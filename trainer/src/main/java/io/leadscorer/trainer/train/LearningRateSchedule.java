package io.leadscorer.trainer.train;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.LinearTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import io.leadscorer.trainer.config.TrainingSettings.Decay;

/** Linear warm-up from zero to the peak rate, then linear or cosine decay to zero at the last step (DJL trackers). */
final class LearningRateSchedule {
    private LearningRateSchedule() {}

    static Tracker of(double peak, int totalSteps, double warmupFraction, Decay decay) {
        int warmup = (int) Math.round(totalSteps * warmupFraction);
        int decaySteps = Math.max(1, totalSteps - warmup);
        float rate = (float) peak;
        Tracker main = switch (decay) {
            case LINEAR -> LinearTracker.builder().setBaseValue(rate).optSlope(-rate / decaySteps)
                    .optMinValue(0f).build();
            case COSINE -> CosineTracker.builder().setBaseValue(rate).optFinalValue(0f)
                    .setMaxUpdates(decaySteps).build();
        };
        if (warmup == 0) {
            return main;
        }
        return WarmUpTracker.builder().setMainTracker(main).optWarmUpSteps(warmup).optWarmUpBeginValue(0f).build();
    }
}
