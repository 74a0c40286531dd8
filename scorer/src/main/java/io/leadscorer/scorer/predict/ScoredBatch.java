package io.leadscorer.scorer.predict;

import io.leadscorer.model.predict.LeadScore;
import java.util.List;

/**
 * The probabilities of one batch, in input order, with the model that produced them and its decision threshold, and
 * each lead's tier, percentile and reasons where the scorer has them ({@code leads} empty otherwise).
 */
public record ScoredBatch(String modelId, double threshold, float[] probabilities, List<LeadScore> leads) {

    public ScoredBatch {
        leads = List.copyOf(leads);
        if (!leads.isEmpty() && leads.size() != probabilities.length) {
            throw new IllegalArgumentException(leads.size() + " lead scores for " + probabilities.length + " probabilities");
        }
    }

    /** Probabilities alone, without tiers or reasons. */
    public ScoredBatch(String modelId, double threshold, float[] probabilities) {
        this(modelId, threshold, probabilities, List.of());
    }

    /** A batch of lead scores: their probabilities, tiers, percentiles and reasons. */
    public static ScoredBatch of(String modelId, double threshold, List<LeadScore> leads) {
        float[] probabilities = new float[leads.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = leads.get(i).probability();
        }
        return new ScoredBatch(modelId, threshold, probabilities, leads);
    }

    /** The tier, percentile and reasons of the lead at {@code index}, or null when the batch has none. */
    public LeadScore lead(int index) {
        return leads.isEmpty() ? null : leads.get(index);
    }
}
