package io.leadscorer.scorer.predict;

/** The probabilities of one batch, in input order, with the model that produced them and its decision threshold. */
public record ScoredBatch(String modelId, double threshold, float[] probabilities) {
}
