package io.leadscorer.monitor.label;

import io.leadscorer.monitor.quality.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The label semantics, apart from Kafka so that each rule can be tested alone. A lead is positive from its first
 * {@code converted=true} outcome within the horizon after its event time; negative from an explicit
 * {@code converted=false} that no positive follows within the horizon (counted at once, and taken back if a positive
 * comes); with implicit negatives, negative when the horizon passes with no outcome. Repeated outcomes change nothing.
 * An outcome for a lead with no score yet is held and joined to the scores that come later.
 */
public final class LabelRules {

    /** What an input did. */
    public enum Result {
        /** A score kept; labelled at once when the lead already had its outcome. */
        SCORED,
        /** A score of a model that had already scored the lead (the lead was sent again): ignored. */
        DUPLICATE_SCORE,
        /** An outcome that labelled (or relabelled) the lead's scores. */
        JOINED,
        /** An outcome for a lead with no score yet: held until its horizon. */
        HELD,
        /** An outcome that changes nothing: the lead is already positive, or negative again. */
        REPEATED,
        /** An outcome that happened after the lead's horizon: ignored. */
        AFTER_HORIZON
    }

    /** The state after an input, the observations it makes, and what it did. */
    public record Step(LeadState state, List<Observation> observations, Result result) {
    }

    private final long horizonMs;
    private final long graceMs;
    private final boolean implicitNegatives;

    public LabelRules(Duration horizon, Duration grace, boolean implicitNegatives) {
        this.horizonMs = horizon.toMillis();
        this.graceMs = grace.toMillis();
        this.implicitNegatives = implicitNegatives;
    }

    public Step onScore(LeadState state, ModelScore score, long eventTime) {
        if (state.scoreOf(score.modelId()).isPresent()) {
            return new Step(state, List.of(), Result.DUPLICATE_SCORE);
        }
        LeadState next = state.withScore(score, eventTime);
        if (next.label() == Label.NONE) {
            return new Step(next, List.of(), Result.SCORED);
        }
        if (!withinHorizon(next, next.labelTime())) {
            return new Step(next.withLabel(Label.NONE, 0), List.of(), Result.SCORED);
        }
        return new Step(next, List.of(observe(score, next.label() == Label.POSITIVE, next.labelTime(), 1)), Result.SCORED);
    }

    public Step onOutcome(LeadState state, boolean converted, long outcomeTime) {
        if (state.label() == Label.POSITIVE || (state.label() == Label.NEGATIVE && !converted)) {
            return new Step(state, List.of(), Result.REPEATED);
        }
        if (state.scored() && !withinHorizon(state, outcomeTime)) {
            return new Step(state, List.of(), Result.AFTER_HORIZON);
        }
        List<Observation> observations = new ArrayList<>();
        if (state.label() == Label.NEGATIVE) {
            state.scores().forEach(score -> observations.add(observe(score, false, state.labelTime(), -1)));
        }
        state.scores().forEach(score -> observations.add(observe(score, converted, outcomeTime, 1)));
        LeadState next = state.withLabel(converted ? Label.POSITIVE : Label.NEGATIVE, outcomeTime);
        return new Step(next, observations, state.scored() ? Result.JOINED : Result.HELD);
    }

    /** What the lead's end of retention adds: implicit negatives for scores that never got an outcome. */
    public List<Observation> onExpiry(LeadState state) {
        if (!implicitNegatives || !state.scored() || state.label() != Label.NONE) {
            return List.of();
        }
        long labelTime = state.eventTime() + horizonMs;
        return state.scores().stream().map(score -> observe(score, false, labelTime, 1)).toList();
    }

    /** When the monitor may forget the lead: its horizon and the grace after it, from its event time or held outcome. */
    public long expiry(LeadState state) {
        long from = state.scored() ? state.eventTime() : state.labelTime();
        return saturatedAdd(saturatedAdd(from, horizonMs), graceMs);
    }

    private boolean withinHorizon(LeadState state, long outcomeTime) {
        return outcomeTime < saturatedAdd(state.eventTime(), horizonMs);
    }

    private static Observation observe(ModelScore score, boolean converted, long time, int weight) {
        return new Observation(score.modelId(), score.probability(), score.threshold(), converted, time, weight);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
