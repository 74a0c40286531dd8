package io.leadscorer.scorer.predict;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The generation every stream thread scores with. A batch leases the current generation before its forward pass and
 * returns it after, so {@link #switchTo} takes effect between two batches and never inside one; the generation it
 * replaces closes after its last batch. Until the first switch there is no model and batches cannot be scored.
 */
public final class ActiveGeneration {

    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final List<Consumer<Generation>> listeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} with every generation that becomes active from now on. */
    public void onActivated(Consumer<Generation> listener) {
        listeners.add(listener);
    }

    public Optional<Generation> current() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code next} the generation of every following batch and retires the one it replaces. */
    public void switchTo(Generation next) {
        Generation previous = current.getAndSet(next);
        listeners.forEach(listener -> listener.accept(next));
        if (previous != null) {
            previous.retire();
        }
    }

    /** A lease on the current generation for one batch; close it when the batch is done. */
    public Lease lease() {
        while (true) {
            Generation generation = current.get();
            if (generation == null) {
                throw new ModelUnavailableException("no model is active yet");
            }
            if (generation.tryAcquire()) {
                return new Lease(generation);
            }
            // retired between the read and the lease: the next read sees its successor
        }
    }

    /** Retires the current generation (shutdown): it closes after the batch that may still hold it. */
    public void close() {
        Generation last = current.getAndSet(null);
        if (last != null) {
            last.retire();
        }
    }

    /** One batch's hold on a generation. */
    public static final class Lease implements AutoCloseable {
        private final Generation generation;
        private boolean released;

        private Lease(Generation generation) {
            this.generation = generation;
        }

        public Generation generation() {
            return generation;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                generation.release();
            }
        }
    }
}
