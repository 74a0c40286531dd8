package io.leadscorer.model.reference;

/**
 * The population stability index: how far the live distribution of a column or a score has moved from its
 * reference, {@code sum over bins of (a - e) * ln(a / e)} with {@code a} the live (actual) and {@code e} the
 * reference (expected) share of each bin. 0 for the same distribution; below {@link #WARN} is commonly read as
 * stable, above {@link #ALARM} as a shift worth acting on.
 */
public final class Psi {
    /** Below this the distribution is commonly read as stable. */
    public static final double WARN = 0.1;
    /** Above this the distribution has shifted enough to look at the model again. */
    public static final double ALARM = 0.25;
    /**
     * The least share either side is taken to have in a bin: an empty bin (a value the training leads never had, or
     * one no live lead has) then adds a large but finite term instead of an infinite one.
     */
    public static final double EPSILON = 1e-4;

    private Psi() {}

    /**
     * The index of live counts against the reference's expected shares, bin by bin; NaN when there are no live
     * leads to compare.
     */
    public static double of(double[] expectedShares, long[] actualCounts) {
        if (expectedShares.length != actualCounts.length) {
            throw new IllegalArgumentException(expectedShares.length + " expected shares but " + actualCounts.length
                    + " actual counts");
        }
        long total = 0;
        for (long count : actualCounts) {
            if (count < 0) {
                throw new IllegalArgumentException("a count cannot be negative: " + count);
            }
            total += count;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int bin = 0; bin < expectedShares.length; bin++) {
            double actual = Math.max((double) actualCounts[bin] / total, EPSILON);
            double expected = Math.max(expectedShares[bin], EPSILON);
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }
}
