package io.leadscorer.scorer.predict;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The scores of a batch that may still be running its forward pass on another thread: the stream thread checks
 * {@link #isDone} and collects them with {@link #await}, and only then forwards them (Kafka Streams allows forwarding
 * from the stream thread alone). A batch nobody collects (its task closed) finishes on its own and is dropped.
 */
public final class PendingScores {

    private final CompletableFuture<ScoredBatch> scores = new CompletableFuture<>();
    private volatile long scoringNanos;

    /** Scores still to come: the scorer completes them with {@link #complete} or {@link #fail}, once. */
    public PendingScores() {
    }

    /** Scores computed already, on the calling thread, in {@code nanos}. */
    static PendingScores of(ScoredBatch scored, long nanos) {
        PendingScores pending = new PendingScores();
        pending.complete(scored, nanos);
        return pending;
    }

    /** A batch that failed before it could start. */
    static PendingScores failed(RuntimeException failure) {
        PendingScores pending = new PendingScores();
        pending.fail(failure);
        return pending;
    }

    /** The batch's scores, computed in {@code nanos}. */
    public void complete(ScoredBatch scored, long nanos) {
        scoringNanos = nanos;
        scores.complete(scored);
    }

    /** The batch could not be scored: {@link #await} throws {@code failure}. */
    public void fail(Throwable failure) {
        scores.completeExceptionally(failure);
    }

    /** How long the batch took to score (tokenizing and forward passes, not waiting for its turn); 0 until done. */
    public long scoringNanos() {
        return scoringNanos;
    }

    public boolean isDone() {
        return scores.isDone();
    }

    /** Waits for the batch; throws what scoring it threw ({@link ModelUnavailableException} included). */
    public ScoredBatch await() {
        try {
            return scores.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
