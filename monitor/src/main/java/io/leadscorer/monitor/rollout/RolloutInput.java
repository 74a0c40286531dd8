package io.leadscorer.monitor.rollout;

/**
 * What reaches the rollout, keyed by the deployment: a control record (as its wire bytes, decoded where its failures
 * are counted), a labelled lead's pair, a model's score drift, or a lead a model failed to score.
 */
public record RolloutInput(byte[] command, PairFact pair, ScoreDrift drift, ScoringFailure failure) {

    public static RolloutInput command(byte[] wire) {
        return new RolloutInput(wire, null, null, null);
    }

    public static RolloutInput pair(PairFact pair) {
        return new RolloutInput(null, pair, null, null);
    }

    public static RolloutInput drift(ScoreDrift drift) {
        return new RolloutInput(null, null, drift, null);
    }

    public static RolloutInput failure(ScoringFailure failure) {
        return new RolloutInput(null, null, null, failure);
    }
}
