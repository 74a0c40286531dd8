package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.ModelQuality;

/**
 * How far a model's live scores have moved from its own validation scores: the score PSI of its cumulative quality
 * figures and how many scored leads it rests on (NaN for a bundle without a reference). The guard's label-free alarm
 * compares the new model's with the previous one's.
 */
public record ScoreDrift(String modelId, long scored, double psi) {

    public static ScoreDrift of(ModelQuality quality) {
        Double psi = quality.getScorePsi();
        return new ScoreDrift(quality.getModelId(), quality.getScored(), psi == null ? Double.NaN : psi);
    }
}
