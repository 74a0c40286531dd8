package io.leadscorer.simulator.oracle;

import java.util.Arrays;

/**
 * Scans every threshold on the true probabilities of a sample, from the highest probability down, and
 * keeps the one with the best F1 on the realised labels (and, separately, the best expected F1). Leads
 * with equal probabilities are admitted together, as a threshold cannot split them.
 */
public final class OracleF1 {

    private OracleF1() {
    }

    public static OracleReport of(double[] probabilities, boolean[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities but " + labels.length + " labels");
        }
        int positives = 0;
        double expectedPositives = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of row " + i + " is not in [0, 1]: " + p);
            }
            positives += labels[i] ? 1 : 0;
            expectedPositives += p;
        }
        double[] ofPositives = new double[positives];
        double[] ofNegatives = new double[labels.length - positives];
        int pi = 0;
        int ni = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i]) {
                ofPositives[pi++] = probabilities[i];
            } else {
                ofNegatives[ni++] = probabilities[i];
            }
        }
        Arrays.sort(ofPositives);
        Arrays.sort(ofNegatives);

        Best realised = new Best();
        Best expected = new Best();
        pi = ofPositives.length - 1;
        ni = ofNegatives.length - 1;
        long truePositives = 0;
        long selected = 0;
        double selectedProbability = 0;
        while (pi >= 0 || ni >= 0) {
            double threshold = Math.max(pi >= 0 ? ofPositives[pi] : -1, ni >= 0 ? ofNegatives[ni] : -1);
            while (pi >= 0 && ofPositives[pi] == threshold) {
                truePositives++;
                selected++;
                selectedProbability += threshold;
                pi--;
            }
            while (ni >= 0 && ofNegatives[ni] == threshold) {
                selected++;
                selectedProbability += threshold;
                ni--;
            }
            realised.offer(f1(truePositives, selected, positives), threshold, truePositives, selected);
            expected.offer(2 * selectedProbability / (selected + expectedPositives), threshold, truePositives, selected);
        }
        int rows = labels.length;
        return new OracleReport(rows, positives, rows == 0 ? 0 : (double) positives / rows, realised.score,
                realised.threshold, realised.selected == 0 ? 0 : (double) realised.truePositives / realised.selected,
                positives == 0 ? 0 : (double) realised.truePositives / positives, expected.score, expected.threshold,
                f1(expected.truePositives, expected.selected, positives));
    }

    private static double f1(long truePositives, long selected, long positives) {
        return selected + positives == 0 ? 0 : 2.0 * truePositives / (selected + positives);
    }

    /** The best threshold seen so far by one criterion. */
    private static final class Best {
        double score;
        double threshold = 1;
        long truePositives;
        long selected;

        void offer(double candidate, double at, long tp, long n) {
            if (candidate > score) {
                score = candidate;
                threshold = at;
                truePositives = tp;
                selected = n;
            }
        }
    }
}
