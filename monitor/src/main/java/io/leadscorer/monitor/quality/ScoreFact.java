package io.leadscorer.monitor.quality;

/** A model scored a lead with this probability; the lead's event time picks the window. */
public record ScoreFact(String modelId, double probability, long time) implements ModelFact {
}
