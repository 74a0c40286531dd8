package io.leadscorer.trainer.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.function.Supplier;

/** One optimisation step over a mini-batch: plain (one gradient) or sharpness-aware (two). */
public interface OptimizerStep {

    /**
     * Runs the step.
     *
     * @param step a manager for the step's temporaries, closed by the caller afterwards
     * @param loss computes the mini-batch loss (a scalar) at the current weights; may be called more than once
     * @return the loss at the weights the step started from
     */
    float step(NDManager step, Supplier<NDArray> loss);

    /** Forward-backward passes per step, for throughput figures. */
    int passesPerStep();
}
