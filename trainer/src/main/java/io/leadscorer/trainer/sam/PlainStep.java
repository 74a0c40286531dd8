package io.leadscorer.trainer.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.function.Supplier;

/** The plain optimiser step (one gradient at w), the baseline SAM is compared against. */
public final class PlainStep implements OptimizerStep {
    private final Gradients gradients;
    private final BaseOptimizer optimizer;
    private final double clipNorm;

    public PlainStep(List<Parameter> parameters, BaseOptimizer optimizer, double clipNorm) {
        this.gradients = new Gradients(parameters);
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    @Override
    public float step(NDManager step, Supplier<NDArray> loss) {
        float value = gradients.backward(loss);
        List<NDArray> gradient = gradients.read(step);
        Gradients.clip(gradient, gradients.finiteNorm(gradient), clipNorm);
        List<Parameter> parameters = gradients.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            optimizer.update(parameters.get(i), gradient.get(i));
        }
        return value;
    }

    @Override
    public int passesPerStep() {
        return 1;
    }
}
