package io.leadscorer.scorer.predict;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The generations every stream thread scores with: the live one and, optionally, a {@link Shadow} scored beside it.
 * Both are swapped together in one step and a batch leases both in one step, so a batch is scored by exactly one live
 * and at most one shadow generation, and {@link #serve} takes effect between two batches, never inside one. A
 * generation that is neither live nor shadow any more closes after its last batch. A shadow whose time is up (by the
 * clock, checked at every lease) is no longer leased, even before it is retired. Until the first switch there is no
 * model and batches cannot be scored.
 */
public final class ActiveGeneration {

    private static final Serving NONE = new Serving(null, null);

    private final Clock clock;
    private final AtomicReference<Serving> serving = new AtomicReference<>(NONE);
    private final List<Consumer<Generation>> listeners = new CopyOnWriteArrayList<>();

    public ActiveGeneration() {
        this(Clock.systemUTC());
    }

    /** {@code clock} decides when a shadow's time is up. */
    public ActiveGeneration(Clock clock) {
        this.clock = clock;
    }

    private record Serving(Generation live, Shadow shadow) {
        boolean holds(Generation generation) {
            return generation == live || (shadow != null && generation == shadow.generation());
        }
    }

    /** Calls {@code listener} with the live generation of every switch from now on. */
    public void onActivated(Consumer<Generation> listener) {
        listeners.add(listener);
    }

    /** The live generation. */
    public Optional<Generation> current() {
        return Optional.ofNullable(serving.get().live());
    }

    /** The shadow, until it is retired (it may have ended already: see {@link Shadow#endedAt}). */
    public Optional<Shadow> shadow() {
        return Optional.ofNullable(serving.get().shadow());
    }

    /** Makes {@code next} the live generation of every following batch, without a shadow. */
    public void switchTo(Generation next) {
        serve(next, null);
    }

    /**
     * Makes {@code live} and {@code shadow} (null for none) the generations of every following batch, and retires
     * those they replace that are neither of them (a generation may change roles without a reload).
     */
    public void serve(Generation live, Shadow shadow) {
        Serving next = new Serving(live, shadow);
        Serving previous = serving.getAndSet(next);
        listeners.forEach(listener -> listener.accept(live));
        retireUnless(previous, next);
    }

    private static void retireUnless(Serving previous, Serving next) {
        if (previous.live() != null && !next.holds(previous.live())) {
            previous.live().retire();
        }
        if (previous.shadow() != null && !next.holds(previous.shadow().generation())) {
            previous.shadow().generation().retire();
        }
    }

    /** A lease on the live generation, and on the shadow while its time is not up, for one batch. */
    public Lease lease() {
        while (true) {
            Serving now = serving.get();
            if (now.live() == null) {
                throw new ModelUnavailableException("no model is active yet");
            }
            if (!now.live().tryAcquire()) {
                continue; // retired between the read and the lease: the next read sees its successor
            }
            Shadow shadow = now.shadow();
            if (shadow == null || shadow.endedAt(clock.instant())) {
                return new Lease(now.live(), null);
            }
            if (shadow.generation().tryAcquire()) {
                return new Lease(now.live(), shadow.generation());
            }
            now.live().release();
        }
    }

    /** Retires the generations (shutdown): they close after the batch that may still hold them. */
    public void close() {
        retireUnless(serving.getAndSet(NONE), NONE);
    }

    /**
     * One batch's hold on the live generation and, where one is scored, the shadow generation. Each half is returned
     * on its own, by the thread whose forward pass used it; {@link #close} returns whatever is still held.
     */
    public static final class Lease implements AutoCloseable {
        private final Generation generation;
        private final Generation shadow;
        private final AtomicBoolean liveHeld = new AtomicBoolean(true);
        private final AtomicBoolean shadowHeld;

        private Lease(Generation generation, Generation shadow) {
            this.generation = generation;
            this.shadow = shadow;
            this.shadowHeld = new AtomicBoolean(shadow != null);
        }

        /** The live generation. */
        public Generation generation() {
            return generation;
        }

        public Optional<Generation> shadow() {
            return Optional.ofNullable(shadow);
        }

        public void releaseLive() {
            if (liveHeld.compareAndSet(true, false)) {
                generation.release();
            }
        }

        public void releaseShadow() {
            if (shadowHeld.compareAndSet(true, false)) {
                shadow.release();
            }
        }

        @Override
        public void close() {
            releaseLive();
            releaseShadow();
        }
    }
}
