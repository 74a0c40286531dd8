package io.leadscorer.scorer.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the service sees of the buffers of all its tasks: how many leads they hold, a drain switch for graceful
 * shutdown, and the holds: tasks whose buffer cannot be scored now for a reason that is not the leads' fault (the
 * registry or the model is unavailable, the registry refuses the scores' schema), which keep their leads and retry.
 *
 * <p>Buffers cannot be scored from {@code Processor#close()}: Kafka Streams commits before it closes tasks, so
 * anything written there would miss the last transaction. Instead the service turns draining on, the processors
 * then score every buffered lead at once (at their next record or wall-clock tick), and the service closes the
 * streams once the buffers are empty, so the final commit carries those scores.
 */
public final class BufferControl {

    /** Why a task holds its leads instead of scoring them, and what happens (or has to be done) about it. */
    public enum HoldCause {
        /** The schema registry did not answer as a registry (unreachable, slow, refusing, a proxy's answer). */
        REGISTRY_UNAVAILABLE("retrying with backoff until the registry answers"),
        /** The model could not score (none active, cannot open, engine failure, every lead of a batch failed). */
        MODEL_UNAVAILABLE("retrying with backoff until the model scores"),
        /**
         * The registry answered and refused the scores' writer schema (409 incompatible, 422 invalid): an operator
         * has to change the subject's compatibility setting or its versions.
         */
        OUTPUT_SCHEMA_REJECTED("the registry refuses the scores' schema: allow it under the subject's compatibility"
                + " setting (PUT /config/<subject>) or remove the incompatible version; retrying with backoff, the leads"
                + " stay held and scoring resumes by itself once the registry accepts it");

        private final String action;

        HoldCause(String action) {
            this.action = action;
        }

        /** What the scorer does meanwhile, and what an operator can do; for the log and the readiness details. */
        public String action() {
            return action;
        }
    }

    /** One task's hold: the cause, the last failure's message, since when, and how many attempts failed in a row. */
    public record Hold(HoldCause cause, String message, Instant since, int failures) {
    }

    private final AtomicLong buffered = new AtomicLong();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile boolean draining;
    private volatile boolean inputPaused;

    /** Leads now held by all buffers of this instance. */
    public long buffered() {
        return buffered.get();
    }

    void added(long leads) {
        buffered.addAndGet(leads);
    }

    void removed(long leads) {
        buffered.addAndGet(-leads);
    }

    public boolean draining() {
        return draining;
    }

    /** From now on every buffer is scored as soon as its processor runs, whatever its size and age. */
    public void drain() {
        draining = true;
    }

    /** Waits until the buffers are empty; false when {@code timeout} passed first. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffered() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** A task's attempt to score failed for {@code cause}; its leads stay buffered. */
    void failed(String task, HoldCause cause, String message, Instant now) {
        failedAttempts.incrementAndGet();
        holds.merge(task, new Hold(cause, message, now, 1),
                (before, latest) -> new Hold(cause, message, before.since(), before.failures() + 1));
    }

    /** A task scored again (or closed): its hold, if any, is over. */
    void recovered(String task) {
        holds.remove(task);
    }

    /** The holds of this instance's tasks by task id; empty when every task can score. */
    public Map<String, Hold> holds() {
        return Map.copyOf(holds);
    }

    /** True while some task holds its leads because the registry is unavailable: new records are buffered undecoded. */
    public boolean registryUnavailable() {
        return holds.values().stream().anyMatch(hold -> hold.cause() == HoldCause.REGISTRY_UNAVAILABLE);
    }

    /** Failed scoring attempts of all tasks since start: a counter that rises while any task holds. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** The most failures in a row of any task; 0 when none holds. */
    public int mostFailuresInARow() {
        return holds.values().stream().mapToInt(Hold::failures).max().orElse(0);
    }

    /** Whether the input is paused (set by {@link InputGate}); shown by the readiness check. */
    public boolean inputPaused() {
        return inputPaused;
    }

    void inputPaused(boolean paused) {
        inputPaused = paused;
    }
}
