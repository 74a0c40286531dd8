package io.leadscorer.scorer.predict;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.Reason;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.model.predict.LeadScore;
import java.time.Instant;
import java.util.List;

/**
 * The probabilities of one batch, in input order, with the model that produced them and its decision threshold, and
 * each lead's tier, percentile and reasons where the scorer has them ({@code leads} empty otherwise); it turns each
 * lead's score into the {@code ScoredLead} record the scorer writes.
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

    /** The score record of the lead at {@code index}, which is {@code event}, scored at {@code scoredAtMs}. */
    public ScoredLead scoredLead(int index, MqlEvent event, long scoredAtMs) {
        float probability = probabilities[index];
        ScoredLead.Builder lead = ScoredLead.newBuilder()
                .setLeadId(event.getLeadId())
                .setProbability(probability)
                .setLabel(probability >= threshold)
                .setThreshold(threshold)
                .setModelId(modelId)
                .setEventTime(event.getEventTime())
                .setScoredTime(Instant.ofEpochMilli(scoredAtMs));
        LeadScore details = lead(index);
        if (details != null) {
            lead.setTier(details.tier()).setPercentile(details.percentile()).setReasons(details.reasons().stream()
                    .map(r -> new Reason(r.column(), r.value(), r.contribution())).toList());
        }
        return lead.build();
    }
}
