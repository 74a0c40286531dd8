package io.leadscorer.scorer.predict;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.LeadPredictor;
import java.util.List;

/**
 * A {@link LeadScorer} over the model library's {@link LeadPredictor} (lead text from the bundle's spec, tokenizer,
 * one forward pass). It follows {@link ActiveBundle}: when the active bundle changes, the next batch reopens the
 * predictor on the new one.
 */
public final class PredictorLeadScorer implements LeadScorer {

    private final ActiveBundle active;
    private final Device device;
    private Bundle bundle;
    private LeadPredictor predictor;

    public PredictorLeadScorer(ActiveBundle active, Device device) {
        this.active = active;
        this.device = device;
    }

    @Override
    public ScoredBatch score(List<MqlEvent> leads) {
        LeadPredictor current = predictorOfActiveBundle();
        return new ScoredBatch(current.modelId(), current.threshold(), current.predict(leads));
    }

    private LeadPredictor predictorOfActiveBundle() {
        Bundle wanted = active.current();
        if (wanted != bundle) {
            LeadPredictor opened = LeadPredictor.open(wanted, device);
            close();
            predictor = opened;
            bundle = wanted;
        }
        return predictor;
    }

    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
            predictor = null;
            bundle = null;
        }
    }
}
