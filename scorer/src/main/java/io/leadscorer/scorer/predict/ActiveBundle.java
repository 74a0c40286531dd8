package io.leadscorer.scorer.predict;

import io.leadscorer.model.bundle.Bundle;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The bundle every stream thread scores with. Scorers read it before each batch, so a switch takes effect between
 * two batches and never inside one; the control topic's hot swap (loading, verifying, warming up a bundle) will call
 * {@link #switchTo} once the new bundle is ready.
 */
public final class ActiveBundle {

    private final AtomicReference<Bundle> current;
    private final Consumer<Bundle> onActivated;

    public ActiveBundle(Bundle initial, Consumer<Bundle> onActivated) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial bundle"));
        this.onActivated = onActivated;
        onActivated.accept(initial);
    }

    public Bundle current() {
        return current.get();
    }

    public void switchTo(Bundle bundle) {
        current.set(Objects.requireNonNull(bundle, "bundle"));
        onActivated.accept(bundle);
    }
}
