package io.leadscorer.monitor.quality;

/**
 * What the lead-keyed half of the monitor sends, keyed by model id, to the half that keeps each model's figures:
 * a labelled score, a score, or the inputs of a lead the model scored. Each is one small record, so every figure is
 * exactly once: it moves with the offsets of the input that made it.
 */
public sealed interface ModelFact permits Observation, ScoreFact, InputFact {

    String modelId();

    /** The time that picks the fact's window: the label's time, or the lead's event time. */
    long time();
}
