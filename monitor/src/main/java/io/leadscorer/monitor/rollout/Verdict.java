package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.RolloutEvidence;

/** What the judge made of a trial: wait, or a decision with the evidence it rests on. */
public record Verdict(Decision decision, RolloutEvidence evidence) {

    /** The decisions the monitor takes by itself. */
    public enum Decision {
        /** Too little evidence yet, or the models are equal within the margin. */
        WAIT,
        /** The candidate is better than the live model by more than the margin: it becomes live. */
        PROMOTE,
        /** The candidate is worse, or its shadow time is over: the live model stays, alone. */
        END_SHADOW,
        /**
         * During a guard, the new model is worse than the previous one, its scores drifted alone, or it fails to score
         * too many leads: the previous one comes back.
         */
        ROLLBACK
    }

    public static Verdict waiting(RolloutEvidence evidence) {
        return new Verdict(Decision.WAIT, evidence);
    }

    public boolean decided() {
        return decision != Decision.WAIT;
    }
}
