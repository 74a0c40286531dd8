package io.leadscorer.monitor.rollout;

/**
 * How a guarded model has fared at scoring since its guard began: the leads it scored and those it failed on. The
 * guard's error alarm compares the rate with the policy's line once there are enough leads.
 */
public record ScoringErrors(String modelId, long scored, long failed) {

    public long leads() {
        return scored + failed;
    }

    /** failed / (failed + scored); 0 with no leads. */
    public double rate() {
        return leads() == 0 ? 0 : (double) failed / leads();
    }
}
