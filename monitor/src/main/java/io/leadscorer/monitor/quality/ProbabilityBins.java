package io.leadscorer.monitor.quality;

/**
 * The fixed grid the monitor keeps probabilities on: {@value #COUNT} equal bins of [0, 1]. The AUC is computed from
 * it (bounded state, with an error bound that the counts themselves give) and so is the PSI of the scores against a
 * bundle's validation deciles (a fine bin counts for the reference bin that holds its middle).
 */
public final class ProbabilityBins {

    public static final int COUNT = 1000;

    private ProbabilityBins() {
    }

    public static int of(double probability) {
        if (!(probability > 0)) {
            return 0;
        }
        return (int) Math.min(COUNT - 1, Math.floor(probability * COUNT));
    }

    public static double middle(int bin) {
        return (bin + 0.5) / COUNT;
    }
}
