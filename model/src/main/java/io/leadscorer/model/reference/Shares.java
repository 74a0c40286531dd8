package io.leadscorer.model.reference;

import java.util.Arrays;

/** The share of a sample in each bin, as a reference records it: counts over the total, summing to 1. */
final class Shares {
    /** How far from 1 the recorded shares may sum (rounding of the divisions). */
    private static final double SUM_TOLERANCE = 1e-6;

    private Shares() {}

    static double[] of(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }

    /** Refuses shares that are not one per bin, each in [0, 1], together 1; {@code what} names them. */
    static void requireValid(double[] shares, int bins, String what) {
        if (shares.length != bins) {
            throw new IllegalArgumentException(what + " has " + bins + " bins but " + shares.length + " shares");
        }
        double sum = 0;
        for (double share : shares) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(what + " has a share outside [0, 1]: " + Arrays.toString(shares));
            }
            sum += share;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(what + " shares sum to " + sum + ", not 1");
        }
    }
}
