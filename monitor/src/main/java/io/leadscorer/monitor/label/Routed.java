package io.leadscorer.monitor.label;

import io.leadscorer.monitor.quality.ModelFact;

/** What the lead-keyed half forwards: a fact for a model's figures, or the bytes of an input to dead-letter. */
public record Routed(ModelFact fact, byte[] deadLetter) {

    public static Routed fact(ModelFact fact) {
        return new Routed(fact, null);
    }

    public static Routed deadLetter(byte[] value) {
        return new Routed(null, value == null ? new byte[0] : value);
    }

    public boolean isDeadLetter() {
        return fact == null;
    }
}
