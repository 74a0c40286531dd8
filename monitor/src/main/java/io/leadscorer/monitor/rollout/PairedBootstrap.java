package io.leadscorer.monitor.rollout;

import io.leadscorer.monitor.quality.QualityAccumulator;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares two models' log loss by a paired bootstrap: each lead contributes the difference of the two models' losses
 * on it, and the interval of the mean difference is read off the percentiles of {@value #RESAMPLES} resampled means.
 * The random source has a fixed seed, so the same pairs in the same order always give the same interval (a replayed
 * monitor decides as the first did). Probabilities are clipped as the quality figures clip them.
 */
public final class PairedBootstrap {

    static final int RESAMPLES = 1000;
    private static final long SEED = 0x5EED_1EADL;

    private PairedBootstrap() {
    }

    public static Comparison compare(List<PairedScore> pairs, double confidence) {
        int n = pairs.size();
        long positives = pairs.stream().filter(PairedScore::converted).count();
        if (n == 0) {
            return new Comparison(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] differences = new double[n];
        double baseline = 0;
        double challenger = 0;
        for (int i = 0; i < n; i++) {
            PairedScore pair = pairs.get(i);
            double baselineLoss = logLoss(pair.baseline(), pair.converted());
            double challengerLoss = logLoss(pair.challenger(), pair.converted());
            baseline += baselineLoss;
            challenger += challengerLoss;
            differences[i] = baselineLoss - challengerLoss;
        }
        double[] means = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - confidence) / 2;
        return new Comparison(n, positives, baseline / n, challenger / n, (baseline - challenger) / n,
                percentile(means, tail), percentile(means, 1 - tail));
    }

    static double logLoss(double probability, boolean converted) {
        double p = Math.min(1 - QualityAccumulator.EPSILON, Math.max(QualityAccumulator.EPSILON, probability));
        return converted ? -Math.log(p) : -Math.log1p(-p);
    }

    /** The p-quantile of sorted values, interpolating linearly between neighbours. */
    private static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
