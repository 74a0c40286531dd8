package io.leadscorer.trainer.evaluate;

import org.tribuo.classification.evaluation.LabelEvaluationUtil;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Predicted probabilities beside the true labels of the same leads: metrics at a threshold, the threshold
 * that maximises F1, and the precision-recall curve. ROC-AUC, average precision and the curve come from
 * Tribuo's evaluation utilities.
 */
public final class ScoredLabels {
    private final boolean[] truth;
    private final double[] scores;

    public ScoredLabels(boolean[] truth, double[] scores) {
        if (truth.length != scores.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + scores.length + " scores");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no scored leads");
        }
        this.truth = truth.clone();
        this.scores = scores.clone();
    }

    public static ScoredLabels of(boolean[] truth, float[] probabilities) {
        double[] scores = new double[probabilities.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = probabilities[i];
        }
        return new ScoredLabels(truth, scores);
    }

    public int size() {
        return truth.length;
    }

    public ConfusionMatrix confusionAt(double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (predicted && truth[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (truth[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    public BinaryMetrics metricsAt(double threshold) {
        ConfusionMatrix confusion = confusionAt(threshold);
        long positives = confusion.truePositives() + confusion.falseNegatives();
        boolean bothClasses = positives > 0 && positives < truth.length;
        Double rocAuc = bothClasses ? LabelEvaluationUtil.binaryAUCROC(truth, scores) : null;
        Double prAuc = positives > 0 ? LabelEvaluationUtil.averagedPrecision(truth, scores) : null;
        return new BinaryMetrics(confusion.f1(), confusion.precision(), confusion.recall(), rocAuc, prAuc,
                threshold, truth.length, positives, confusion);
    }

    /**
     * The threshold with the highest F1: the midpoint between the lowest score still predicted positive and
     * the next lower score, so that "at least" and "above" the threshold decide the same way.
     */
    public double bestF1Threshold() {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long positives = IntStream.range(0, truth.length).filter(i -> truth[i]).count();
        long tp = 0;
        long fp = 0;
        double bestF1 = -1;
        double best = Math.nextUp(scores[order[0]]);
        int i = 0;
        while (i < order.length) {
            double score = scores[order[i]];
            while (i < order.length && scores[order[i]] == score) {
                if (truth[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 > bestF1) {
                bestF1 = f1;
                best = i < order.length ? (score + scores[order[i]]) / 2 : score;
            }
        }
        return best;
    }

    public LabelEvaluationUtil.PRCurve precisionRecallCurve() {
        return LabelEvaluationUtil.generatePRCurve(truth, scores);
    }

    /** Mean binary cross-entropy of the probabilities (clamped away from 0 and 1). */
    public double logLoss() {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = Math.min(Math.max(scores[i], 1e-7), 1 - 1e-7);
            sum -= truth[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / truth.length;
    }
}
