package io.leadscorer.scorer.predict;

/**
 * What the shadow model made of a batch: its scores, or why it could not score it ({@code scored} null then). A
 * failure is the shadow's alone: the batch's live scores go out all the same.
 */
public record ShadowScores(String modelId, ScoredBatch scored, Throwable failure) {

    public static ShadowScores of(ScoredBatch scored) {
        return new ShadowScores(scored.modelId(), scored, null);
    }

    public static ShadowScores failed(String modelId, Throwable failure) {
        return new ShadowScores(modelId, null, failure);
    }

    public boolean isScored() {
        return scored != null;
    }
}
