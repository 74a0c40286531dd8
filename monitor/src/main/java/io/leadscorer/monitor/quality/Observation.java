package io.leadscorer.monitor.quality;

/**
 * One labelled score on its way to its model's quality figures: the model, what it predicted, the decision threshold
 * it scored with, the label and when the label was given. {@code weight} is +1, or -1 to take back an observation
 * made earlier (a negative that a later positive overturns), which every figure the monitor keeps can undo exactly.
 */
public record Observation(String modelId, double probability, double threshold, boolean converted, long time, int weight)
        implements ModelFact {

    public Observation {
        if (weight != 1 && weight != -1) {
            throw new IllegalArgumentException("weight must be +1 or -1, was " + weight);
        }
    }

    /** The observation that undoes this one. */
    public Observation retracted() {
        return new Observation(modelId, probability, threshold, converted, time, -weight);
    }
}
