package io.leadscorer.trainer.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/** The optimiser that moves one parameter with the gradient it is given (AdamW in training, a recorder in tests). */
@FunctionalInterface
public interface BaseOptimizer {
    void update(Parameter parameter, NDArray gradient);
}
