package io.leadscorer.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/** Dropout that exists only in training: at inference the activations pass through untouched (no extra op). */
final class TrainingDropout {

    private final float rate;

    TrainingDropout(double rate) {
        this.rate = (float) rate;
    }

    NDArray apply(NDArray x, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
