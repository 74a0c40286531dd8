package io.leadscorer.monitor.rollout;

/**
 * One labelled lead as two models scored it: the baseline (the live model, or during a guard the previous one), the
 * challenger (the shadow candidate, or during a guard the newly live model) and whether the lead converted. Comparing
 * the two on the same leads removes the leads' own variation from the difference.
 */
public record PairedScore(double baseline, double challenger, boolean converted) {
}
