package io.leadscorer.scorer.testing;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.BundleModel;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import java.util.List;
import java.util.function.Consumer;

/** Model generations for tests: a bundle loaded on the CPU, and an {@link ActiveGeneration} already serving one. */
public final class Generations {

    private Generations() {
    }

    public static Generation of(Bundle bundle, long number) {
        return of(bundle, number, closed -> { });
    }

    /** A generation that adds its number to {@code closedNumbers} when it closes. */
    public static Generation of(Bundle bundle, long number, List<Long> closedNumbers) {
        return of(bundle, number, closed -> closedNumbers.add(number));
    }

    private static Generation of(Bundle bundle, long number, Consumer<Generation> onClosed) {
        return new Generation(number, BundleModel.load(bundle, Device.cpu()), onClosed);
    }

    public static ActiveGeneration serving(Bundle bundle) {
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(of(bundle, 1));
        return active;
    }
}
