package io.leadscorer.scorer.testing;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.BundleModel;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;

/** Model generations for tests: a bundle loaded on the CPU, and an {@link ActiveGeneration} already serving one. */
public final class Generations {

    private Generations() {
    }

    public static Generation of(Bundle bundle, long number) {
        return new Generation(number, BundleModel.load(bundle, Device.cpu()), closed -> { });
    }

    public static ActiveGeneration serving(Bundle bundle) {
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(of(bundle, 1));
        return active;
    }
}
