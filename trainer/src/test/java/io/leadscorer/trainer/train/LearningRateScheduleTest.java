package io.leadscorer.trainer.train;

import ai.djl.training.tracker.Tracker;
import io.leadscorer.trainer.config.TrainingSettings.Decay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Warm-up from zero to the peak over the first steps, then decay to zero at the last step. */
class LearningRateScheduleTest {

    @Test
    void linearWarmUpThenLinearDecay() {
        Tracker rate = LearningRateSchedule.of(0.001, 100, 0.1, Decay.LINEAR);

        assertThat(rate.getNewValue(0)).isCloseTo(0f, within(1e-9f));
        assertThat(rate.getNewValue(5)).isCloseTo(0.0005f, within(1e-6f));
        assertThat(rate.getNewValue(10)).isCloseTo(0.001f, within(1e-6f));
        assertThat(rate.getNewValue(55)).isCloseTo(0.0005f, within(1e-6f));
        assertThat(rate.getNewValue(100)).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void cosineDecayIsHalfWayAtTheMiddleOfTheDecay() {
        Tracker rate = LearningRateSchedule.of(0.001, 100, 0.1, Decay.COSINE);

        assertThat(rate.getNewValue(10)).isCloseTo(0.001f, within(1e-6f));
        assertThat(rate.getNewValue(55)).isCloseTo(0.0005f, within(1e-6f));
        assertThat(rate.getNewValue(100)).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void withoutWarmUpTheFirstStepHasThePeakRate() {
        Tracker rate = LearningRateSchedule.of(0.001, 100, 0, Decay.LINEAR);

        assertThat(rate.getNewValue(0)).isCloseTo(0.001f, within(1e-6f));
        assertThat(rate.getNewValue(50)).isCloseTo(0.0005f, within(1e-6f));
    }
}
