package io.leadscorer.scorer.predict;

import ai.djl.engine.EngineException;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.predict.LeadPredictor;
import java.util.List;

/**
 * A {@link LeadScorer} for one stream thread over the model library's {@link LeadPredictor}. Each batch leases the
 * {@link ActiveGeneration}'s current generation; the first batch on a new generation opens this thread's predictor
 * on it (the generation closes that predictor when it is retired and done).
 */
public final class PredictorLeadScorer implements LeadScorer {

    private final ActiveGeneration active;
    private Generation generation;
    private LeadPredictor predictor;

    public PredictorLeadScorer(ActiveGeneration active) {
        this.active = active;
    }

    @Override
    public ScoredBatch score(List<MqlEvent> leads) {
        try (ActiveGeneration.Lease lease = active.lease()) {
            LeadPredictor current = predictorOf(lease.generation());
            float[] probabilities;
            try {
                probabilities = current.predict(leads);
            } catch (RuntimeException | OutOfMemoryError e) {
                if (isEngineFailure(e)) {
                    throw new ModelUnavailableException("model " + current.modelId() + " failed: " + e, e);
                }
                throw e;
            }
            return new ScoredBatch(current.modelId(), current.threshold(), probabilities);
        }
    }

    /** The engine or the device failed (not the leads): out of memory, a native error, a lost device. */
    private static boolean isEngineFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EngineException || cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private LeadPredictor predictorOf(Generation leased) {
        if (leased != generation) {
            try {
                predictor = leased.newPredictor();
            } catch (RuntimeException e) {
                throw new ModelUnavailableException("cannot open a predictor on " + leased + ": " + e.getMessage(), e);
            }
            generation = leased;
        }
        return predictor;
    }

    /** Nothing of its own to free: the generations close the predictors they handed out. */
    @Override
    public void close() {
        generation = null;
        predictor = null;
    }
}
