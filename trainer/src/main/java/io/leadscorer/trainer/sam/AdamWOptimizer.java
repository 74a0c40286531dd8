package io.leadscorer.trainer.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.Set;

/**
 * DJL's AdamW with decoupled weight decay, except on the parameters named as undecayed (BERT's recipe leaves
 * biases and layer-norm parameters undecayed). Gradient clipping is not DJL's (element-wise, which changes
 * the direction) but the global-norm clipping of the training step.
 */
public final class AdamWOptimizer implements BaseOptimizer {
    private final Optimizer decayed;
    private final Optimizer undecayed;

    private final Set<String> undecayedIds;

    public AdamWOptimizer(Tracker learningRate, float weightDecay, Set<String> undecayedIds) {
        this.undecayedIds = Set.copyOf(undecayedIds);
        this.decayed = Optimizer.adamW().optLearningRateTracker(learningRate).optWeightDecays(weightDecay).build();
        this.undecayed = Optimizer.adamW().optLearningRateTracker(learningRate).optWeightDecays(0f).build();
    }

    @Override
    public void update(Parameter parameter, NDArray gradient) {
        Optimizer optimizer = undecayedIds.contains(parameter.getId()) ? undecayed : decayed;
        optimizer.update(parameter.getId(), parameter.getArray(), gradient);
    }
}
