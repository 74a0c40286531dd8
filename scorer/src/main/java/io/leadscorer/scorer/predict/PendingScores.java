package io.leadscorer.scorer.predict;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The scores of a batch that may still be running its forward pass on another thread: the stream thread checks
 * {@link #isDone} and collects them with {@link #await}, and only then forwards them (Kafka Streams allows forwarding
 * from the stream thread alone). A batch nobody collects (its task closed) finishes on its own and is dropped. Where a
 * shadow model scores the batch beside the live one, the batch is done when both are, or as soon as the live model
 * failed (the shadow's scores are of no use then).
 */
public final class PendingScores {

    private final CompletableFuture<ScoredBatch> scores = new CompletableFuture<>();
    private final CompletableFuture<ShadowScores> shadow;
    private volatile long scoringNanos;
    private volatile String failedModel;

    /** Scores still to come: the scorer completes them with {@link #complete} or {@link #fail}, once. */
    public PendingScores() {
        this.shadow = null;
    }

    /** Live scores and the shadow's still to come; the shadow's are completed with {@link #completeShadow}. */
    public static PendingScores withShadow() {
        return new PendingScores(new CompletableFuture<>());
    }

    private PendingScores(CompletableFuture<ShadowScores> shadow) {
        this.shadow = shadow;
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

    /** Model {@code modelId} failed on the batch: {@link #await} throws {@code failure}. */
    public void fail(String modelId, Throwable failure) {
        failedModel = modelId;
        scores.completeExceptionally(failure);
    }

    /** The model that failed on the batch, when it is known; empty while the batch runs or when it did not fail. */
    public Optional<String> failedModel() {
        return Optional.ofNullable(failedModel);
    }

    /** What the shadow made of the batch; ignored when none was expected. */
    public void completeShadow(ShadowScores scored) {
        if (shadow != null) {
            shadow.complete(scored);
        }
    }

    /** How long the batch took to score (tokenizing and forward passes, not waiting for its turn); 0 until done. */
    public long scoringNanos() {
        return scoringNanos;
    }

    public boolean isDone() {
        return scores.isDone() && (shadow == null || shadow.isDone() || scores.isCompletedExceptionally());
    }

    /** Waits for the shadow's part of the batch; empty when no shadow scores it or the live model failed. */
    public Optional<ShadowScores> shadow() {
        if (shadow == null || scores.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(shadow.join());
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
