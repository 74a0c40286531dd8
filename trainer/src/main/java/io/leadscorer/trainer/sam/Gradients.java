package io.leadscorer.trainer.sam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
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
                List<String> broken = nonFinite(parameters.stream().map(Parameter::getArray).toList());
                throw new TrainingDivergedException("the training loss is " + value + (broken.isEmpty()
                        ? " with every weight finite (the forward pass overflowed)"
                        : "; weights not finite: " + broken));
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

    /** The L2 norm of all the arrays taken together as one vector, summed in double precision. */
    static double globalNorm(List<NDArray> arrays) {
        double sum = 0;
        for (NDArray array : arrays) {
            try (NDArray wide = array.toType(DataType.FLOAT64, true); NDArray squares = wide.square().sum()) {
                sum += squares.getDouble();
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * The global norm of the gradients read from this step; a TrainingDivergedException naming the parameters
     * whose gradient holds an inf or NaN, before any optimiser could write it into the weights.
     */
    double finiteNorm(List<NDArray> gradient) {
        double norm = globalNorm(gradient);
        if (!Double.isFinite(norm)) {
            throw new TrainingDivergedException("the gradient is not finite in " + nonFinite(gradient));
        }
        return norm;
    }

    /** Scales the gradients in place so that their global norm ({@code norm}) is at most {@code maxNorm} (0 = no clipping). */
    static void clip(List<NDArray> gradients, double norm, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray gradient : gradients) {
                gradient.muli(scale);
            }
        }
    }

    /** The names of the parameters whose array (weights or gradients, in parameter order) holds an inf or NaN. */
    private List<String> nonFinite(List<NDArray> arrays) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            NDArray array = arrays.get(i);
            try (NDArray nan = array.isNaN(); NDArray anyNan = nan.any();
                 NDArray inf = array.isInfinite(); NDArray anyInf = inf.any()) {
                if (anyNan.getBoolean() || anyInf.getBoolean()) {
                    names.add(parameters.get(i).getName());
                }
            }
        }
        return names;
    }
}
