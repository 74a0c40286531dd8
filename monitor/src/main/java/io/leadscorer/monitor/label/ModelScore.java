package io.leadscorer.monitor.label;

/** A model's score of one lead, kept with the lead until its label is final. */
public record ModelScore(String modelId, double probability, double threshold) {
}
