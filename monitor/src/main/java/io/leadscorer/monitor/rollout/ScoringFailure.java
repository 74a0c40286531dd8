package io.leadscorer.monitor.rollout;

/**
 * A lead a model failed to score, as the scorer's dead letter names it: the model, and the input record it failed on
 * ({@code topic-partition@offset}), by which a dead letter read twice counts once.
 */
public record ScoringFailure(String modelId, String input) {
}
