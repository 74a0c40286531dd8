package io.leadscorer.scorer.predict;

/** Opens a new {@link LeadScorer}; called once per stream thread. */
@FunctionalInterface
public interface LeadScorerFactory {
    LeadScorer open();
}
