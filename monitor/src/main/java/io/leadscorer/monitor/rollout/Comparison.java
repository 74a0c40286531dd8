package io.leadscorer.monitor.rollout;

/**
 * A paired comparison of two models over the same labelled leads: the metric of each, how much better the challenger
 * is in the metric's units (positive: better), and the two-sided confidence interval of that improvement. Values are
 * NaN where the pairs cannot support them (no positive, or no negative, for an AUC).
 */
public record Comparison(long labelled, long positives, double baselineValue, double challengerValue,
                         double improvement, double lower, double upper) {

    /** Whether the interval rests on enough pairs to be computed at all. */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }
}
