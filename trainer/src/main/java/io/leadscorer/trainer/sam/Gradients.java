package io.leadscorer.trainer.sam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.TrainingDivergedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gradients of a loss with respect to a fixed list of parameters: one backward pass, the gradients read
 * into the step's manager, their global L2 norm over all parameters together, global-norm clipping, and
 * zeroing (PyTorch accumulates gradients, so every pass starts from zero).
 */
final class Gradients {
    private static final NDIndex ALL = new NDIndex("...");
    private final List<Parameter> parameters;

    Gradients(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        for (Parameter parameter : this.parameters) {
            NDArray array = parameter.getArray();
            if (!array.hasGradient()) {
                array.setRequiresGradient(true);
            }
        }
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** Zeroes the gradients, runs the loss forward and backward, and returns the loss value. */
    float backward(Supplier<NDArray> loss) {
        zero();
        float value;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray result = loss.get();
            value = result.getFloat();
            if (!Float.isFinite(value)) {
                throw new TrainingDivergedException("the training loss is " + value);
            }
            collector.backward(result);
        }
        return value;
    }

    /** The current gradients, one per parameter, as arrays owned by {@code step}. */
    List<NDArray> read(NDManager step) {
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.attach(step);
            gradients.add(gradient);
        }
        return gradients;
    }

    void zero() {
        try (NDManager scratch = parameters.get(0).getArray().getManager().newSubManager()) {
            for (NDArray gradient : read(scratch)) {
                gradient.set(ALL, 0f); // not g - g, which stays NaN where g is inf or NaN
            }
        }
    }

    /** The L2 norm of all the arrays taken together as one vector. */
    static double globalNorm(List<NDArray> arrays) {
        double sum = 0;
        for (NDArray array : arrays) {
            try (NDArray squares = array.square().sum()) {
                sum += squares.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            }
        }
        return Math.sqrt(sum);
    }

    /** Scales the gradients in place so that their global norm is at most {@code maxNorm} (0 = no clipping). */
    static void clip(List<NDArray> gradients, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double norm = globalNorm(gradients);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray gradient : gradients) {
                gradient.muli(scale);
            }
        }
    }
}
