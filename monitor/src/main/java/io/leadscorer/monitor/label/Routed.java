package io.leadscorer.monitor.label;

import io.leadscorer.monitor.quality.ModelFact;
import io.leadscorer.monitor.rollout.PairFact;

/**
 * What the lead-keyed half forwards: a fact for a model's figures, a labelled lead's pair for the rollout, or the
 * bytes of an input to dead-letter.
 */
public record Routed(ModelFact fact, PairFact pair, byte[] deadLetter) {

    public static Routed fact(ModelFact fact) {
        return new Routed(fact, null, null);
    }

    public static Routed pair(PairFact pair) {
        return new Routed(null, pair, null);
    }

    public static Routed deadLetter(byte[] value) {
        return new Routed(null, null, value == null ? new byte[0] : value);
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }

    public boolean isPair() {
        return pair != null;
    }
}
