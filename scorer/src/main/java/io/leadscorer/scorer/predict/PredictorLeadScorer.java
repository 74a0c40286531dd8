package io.leadscorer.scorer.predict;

import ai.djl.engine.EngineException;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.explain.ReasonAttribution;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.predict.TokenizedBatch;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link LeadScorer} for one stream thread over the model library's {@link LeadPredictor}. A batch leases the
 * {@link ActiveGeneration}'s current generation, is tokenized on the calling stream thread and runs its forward passes
 * on this scorer's own inference thread, so the stream thread can decode and tokenize the next batch meanwhile; the
 * lease is returned when the forward passes end, so a swap never closes a model under a running batch. Batches run one
 * at a time in the order they were submitted. The first batch on a new generation opens this thread's predictor on it
 * (the generation closes that predictor when it is retired and done). Each lead comes back with its tier, percentile
 * and up to {@code reasonsPerDirection} reasons each way, as the bundle gives them by the settings' attribution.
 *
 * <p>While a shadow generation is leased with the live one, the batch also runs through the shadow on a second
 * inference thread of this scorer, beside the live forward pass (a core the stream thread leaves idle while it waits
 * for the live one); it reuses the live tokens when both bundles read leads alike ({@link LeadPredictor#tokenizesLike})
 * and is tokenized again otherwise. A shadow failure only fails the shadow's part of the batch.
 */
public final class PredictorLeadScorer implements LeadScorer {

    private final ActiveGeneration active;
    private final ExecutorService inference;
    private final ExecutorService shadowInference;
    private final int reasonsPerDirection;
    private final ReasonAttribution attribution;
    private final RolePredictor live = new RolePredictor();
    private final RolePredictor shadow = new RolePredictor();

    /** A scorer with {@link ReasonSettings#DEFAULTS the default} reasons per score. */
    public PredictorLeadScorer(ActiveGeneration active) {
        this(active, ReasonSettings.DEFAULTS);
    }

    public PredictorLeadScorer(ActiveGeneration active, ReasonSettings reasons) {
        this.active = active;
        this.reasonsPerDirection = reasons.count();
        this.attribution = reasons.method();
        String name = Thread.currentThread().getName();
        this.inference = inferenceThread(name + "-inference");
        this.shadowInference = inferenceThread(name + "-shadow-inference");
    }

    private static ExecutorService inferenceThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ScoredBatch score(List<MqlEvent> leads) {
        return submit(leads).await();
    }

    @Override
    public PendingScores submit(List<MqlEvent> leads) {
        if (inference.isShutdown()) {
            return PendingScores.failed(new ModelUnavailableException("the scorer of this stream thread is closed"));
        }
        ActiveGeneration.Lease lease;
        try {
            lease = active.lease();
        } catch (RuntimeException e) {
            return PendingScores.failed(e);
        }
        PendingScores pending = lease.shadow().isPresent() ? PendingScores.withShadow() : new PendingScores();
        LeadPredictor current;
        TokenizedBatch tokens;
        try {
            long start = System.nanoTime();
            current = live.predictorOf(lease.generation());
            tokens = current.tokenize(leads);
            long tokenizing = System.nanoTime() - start;
            inference.execute(() -> scoreLive(current, tokens, lease, pending, tokenizing));
        } catch (RejectedExecutionException e) {
            lease.close();
            pending.fail(new ModelUnavailableException("the scorer of this stream thread is closed", e));
            return pending;
        } catch (RuntimeException | OutOfMemoryError e) {
            lease.close();
            pending.fail(live.predictor == null ? e : asModelFailure(live.predictor, e));
            return pending;
        }
        lease.shadow().ifPresent(generation -> submitShadow(generation, leads, current, tokens, lease, pending));
        return pending;
    }

    private void scoreLive(LeadPredictor current, TokenizedBatch tokens, ActiveGeneration.Lease lease,
                           PendingScores pending, long tokenizingNanos) {
        long forwardStart = System.nanoTime();
        ScoredBatch scored = null;
        Throwable failure = null;
        try {
            scored = ScoredBatch.of(current.modelId(), current.threshold(),
                    current.scoreLeads(tokens, reasonsPerDirection, attribution));
        } catch (RuntimeException | OutOfMemoryError e) {
            failure = asModelFailure(current, e);
        } catch (Throwable e) {
            failure = e;
        } finally {
            lease.releaseLive(); // before the batch is seen done: a retired generation closes once its batches are
        }
        if (failure != null) {
            pending.fail(current.modelId(), failure);
        } else {
            pending.complete(scored, tokenizingNanos + System.nanoTime() - forwardStart);
        }
    }

    /**
     * Scores the batch with the shadow generation on the shadow's own inference thread, beside the live forward pass:
     * from the live tokens when the two models read leads alike, else tokenized again. Whatever fails here fails the
     * shadow's part of the batch only.
     */
    private void submitShadow(Generation generation, List<MqlEvent> leads, LeadPredictor livePredictor,
                              TokenizedBatch liveTokens, ActiveGeneration.Lease lease, PendingScores pending) {
        try {
            LeadPredictor current = shadow.predictorOf(generation);
            TokenizedBatch tokens = current.tokenizesLike(livePredictor) ? current.adopt(liveTokens)
                    : current.tokenize(leads);
            shadowInference.execute(() -> {
                ShadowScores scored;
                try {
                    scored = ShadowScores.of(ScoredBatch.of(current.modelId(), current.threshold(),
                            current.scoreLeads(tokens, reasonsPerDirection, attribution)));
                } catch (Throwable e) {
                    scored = ShadowScores.failed(current.modelId(), e);
                } finally {
                    lease.releaseShadow();
                }
                pending.completeShadow(scored);
            });
        } catch (RuntimeException | OutOfMemoryError e) {
            lease.releaseShadow();
            pending.completeShadow(ShadowScores.failed(generation.modelId(), e));
        }
    }

    /** An engine or device failure (not the leads'): out of memory, a native error, a lost device. */
    private static Throwable asModelFailure(LeadPredictor current, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EngineException || cause instanceof OutOfMemoryError) {
                return new ModelUnavailableException("model " + current.modelId() + " failed: " + failure, failure);
            }
        }
        return failure;
    }

    /** The predictor this stream thread opened on the generation it last scored with in one role. */
    private static final class RolePredictor {
        private Generation generation;
        private LeadPredictor predictor;

        LeadPredictor predictorOf(Generation leased) {
            if (leased != generation) {
                try {
                    predictor = leased.newPredictor();
                } catch (RuntimeException e) {
                    throw new ModelUnavailableException("cannot open a predictor on " + leased + ": " + e.getMessage(),
                            e);
                }
                generation = leased;
            }
            return predictor;
        }

        void forget() {
            generation = null;
            predictor = null;
        }
    }

    /**
     * Stops the inference thread once the batches already submitted are done (their leases are returned then);
     * nothing else of its own to free: the generations close the predictors they handed out.
     */
    @Override
    public void close() {
        inference.shutdown();
        shadowInference.shutdown();
        live.forget();
        shadow.forget();
    }
}
