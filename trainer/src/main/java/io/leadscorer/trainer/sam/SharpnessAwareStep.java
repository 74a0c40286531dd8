package io.leadscorer.trainer.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sharpness-aware minimisation (Foret et al., 2021) around any base optimiser. Per step: gradient g at w;
 * perturbation e = rho * g / ||g||, the norm taken over all parameters together; gradient g' at w + e; w
 * restored exactly (copied back, not e subtracted); the base optimiser steps from w with g', after optional
 * global-norm clipping of g'. The adaptive variant (ASAM, Kwon et al., 2021) scales by T = |w| + eta:
 * e = rho * T^2 g / ||T g||, which makes the neighbourhood invariant to parameter re-scaling.
 */
public final class SharpnessAwareStep implements OptimizerStep {
    private static final double EPSILON = 1e-12;
    private final Gradients gradients;
    private final BaseOptimizer optimizer;
    private final double rho;
    private final boolean adaptive;
    private final double eta;
    private final double clipNorm;
    private double lastPerturbationNorm;
    private float lastPerturbedLoss;

    public SharpnessAwareStep(List<Parameter> parameters, BaseOptimizer optimizer, double rho, boolean adaptive,
                              double eta, double clipNorm) {
        if (!(rho > 0)) {
            throw new IllegalArgumentException("rho must be positive, was " + rho);
        }
        this.gradients = new Gradients(parameters);
        this.optimizer = optimizer;
        this.rho = rho;
        this.adaptive = adaptive;
        this.eta = eta;
        this.clipNorm = clipNorm;
    }

    @Override
    public float step(NDManager step, Supplier<NDArray> loss) {
        List<Parameter> parameters = gradients.parameters();
        float value = gradients.backward(loss);
        List<NDArray> gradient = gradients.read(step);
        List<NDArray> perturbations = perturbations(step, gradient, gradients.finiteNorm(gradient));
        lastPerturbationNorm = Gradients.globalNorm(perturbations);

        List<NDArray> saved = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray copy = weight.duplicate();
            copy.attach(step);
            saved.add(copy);
            weight.addi(perturbations.get(i));
        }
        lastPerturbedLoss = gradients.backward(loss);
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).getArray().set(new NDIndex("..."), saved.get(i));
        }
        List<NDArray> sharpGradient = gradients.read(step);
        Gradients.clip(sharpGradient, gradients.finiteNorm(sharpGradient), clipNorm);
        for (int i = 0; i < parameters.size(); i++) {
            optimizer.update(parameters.get(i), sharpGradient.get(i));
        }
        return value;
    }

    /** {@code gradientNorm}: the global norm of {@code gradient}, which plain SAM divides by. */
    private List<NDArray> perturbations(NDManager step, List<NDArray> gradient, double gradientNorm) {
        List<Parameter> parameters = gradients.parameters();
        List<NDArray> scaled = new ArrayList<>(gradient.size());
        List<NDArray> scales = new ArrayList<>(gradient.size());
        for (int i = 0; i < gradient.size(); i++) {
            if (adaptive) {
                NDArray magnitude = parameters.get(i).getArray().abs();
                magnitude.attach(step);
                NDArray scale = magnitude.add(eta);
                scales.add(scale);
                NDArray product = gradient.get(i).mul(scale);
                product.attach(step);
                scaled.add(product);
            } else {
                scaled.add(gradient.get(i));
            }
        }
        double factor = rho / ((adaptive ? Gradients.globalNorm(scaled) : gradientNorm) + EPSILON);
        List<NDArray> perturbations = new ArrayList<>(gradient.size());
        for (int i = 0; i < gradient.size(); i++) {
            NDArray perturbation = adaptive
                    ? scaled.get(i).mul(scales.get(i)).muli(factor)
                    : gradient.get(i).mul(factor);
            perturbation.attach(step);
            perturbations.add(perturbation);
        }
        return perturbations;
    }

    @Override
    public int passesPerStep() {
        return 2;
    }

    /** The size of the last perturbation (equals rho for plain SAM). */
    public double lastPerturbationNorm() {
        return lastPerturbationNorm;
    }

    /** The loss at w + e of the last step. */
    public float lastPerturbedLoss() {
        return lastPerturbedLoss;
    }
}
