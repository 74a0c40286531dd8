package io.leadscorer.monitor.rollout;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Compares two models' AUC on the same labelled leads by DeLong's test for correlated AUCs, in the midrank form of
 * Sun and Xu (O(n log n)): each positive's and each negative's placement among the other class gives the AUCs and
 * their 2x2 covariance, and the AUC difference gets a normal interval. Needs two positives and two negatives.
 */
public final class DeLongComparison {

    private DeLongComparison() {
    }

    public static Comparison compare(List<PairedScore> pairs, double confidence) {
        double[][] positives = scores(pairs, true);
        double[][] negatives = scores(pairs, false);
        int m = positives[0].length;
        int n = negatives[0].length;
        if (m < 2 || n < 2) {
            double baseline = m > 0 && n > 0 ? auc(positives[0], negatives[0]) : Double.NaN;
            double challenger = m > 0 && n > 0 ? auc(positives[1], negatives[1]) : Double.NaN;
            return new Comparison(pairs.size(), m, baseline, challenger, challenger - baseline, Double.NaN, Double.NaN);
        }
        double[] auc = new double[2];
        double[][] v10 = new double[2][];
        double[][] v01 = new double[2][];
        for (int model = 0; model < 2; model++) {
            double[] x = positives[model];
            double[] y = negatives[model];
            double[] tx = midranks(x);
            double[] ty = midranks(y);
            double[] tz = midranks(concat(x, y));
            v10[model] = new double[m];
            v01[model] = new double[n];
            double rankSum = 0;
            for (int i = 0; i < m; i++) {
                rankSum += tz[i];
                v10[model][i] = (tz[i] - tx[i]) / n;
            }
            for (int j = 0; j < n; j++) {
                v01[model][j] = 1 - (tz[m + j] - ty[j]) / m;
            }
            auc[model] = (rankSum - m * (m + 1.0) / 2) / ((double) m * n);
        }
        double variance = differenceVariance(v10) / m + differenceVariance(v01) / n;
        double difference = auc[1] - auc[0];
        double half = StandardNormal.quantile(1 - (1 - confidence) / 2) * Math.sqrt(Math.max(0, variance));
        return new Comparison(pairs.size(), m, auc[0], auc[1], difference, difference - half, difference + half);
    }

    /** The AUC of one model from midranks alone. */
    static double auc(double[] positives, double[] negatives) {
        double[] tz = midranks(concat(positives, negatives));
        double rankSum = 0;
        for (int i = 0; i < positives.length; i++) {
            rankSum += tz[i];
        }
        int m = positives.length;
        return (rankSum - m * (m + 1.0) / 2) / ((double) m * negatives.length);
    }

    /** Var(a - b) of two paired samples of structural components: var(a) + var(b) - 2 cov(a, b). */
    private static double differenceVariance(double[][] components) {
        double[] a = components[0];
        double[] b = components[1];
        int k = a.length;
        double meanA = Arrays.stream(a).average().orElse(0);
        double meanB = Arrays.stream(b).average().orElse(0);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double d = (a[i] - meanA) - (b[i] - meanB);
            sum += d * d;
        }
        return sum / (k - 1);
    }

    /** Ranks from 1, tied values sharing the mean of their ranks. */
    static double[] midranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double[][] scores(List<PairedScore> pairs, boolean converted) {
        List<PairedScore> of = pairs.stream().filter(pair -> pair.converted() == converted).toList();
        return new double[][] {of.stream().mapToDouble(PairedScore::baseline).toArray(),
                of.stream().mapToDouble(PairedScore::challenger).toArray()};
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
