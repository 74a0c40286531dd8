package io.leadscorer.monitor.quality;

/**
 * One model's figures over one scope, each with the count it rests on; a figure is NaN while it has nothing to rest
 * on. The AUC comes from the probability histogram: pairs of a positive and a negative in the same bin count one half,
 * so it differs from the exact AUC by at most {@code aucErrorBound}, half the share of such pairs.
 */
public record QualityFigures(long firstTime, long lastTime, long scored, long labelled, long positives,
                             double meanPredicted, double observedRate, double auc, double aucErrorBound,
                             double logLoss, double brier, double threshold, long truePositives,
                             long falsePositives, long falseNegatives, double precision, double recall, double f1,
                             double ece) {

    static QualityFigures of(QualityAccumulator a) {
        long n = a.labelled;
        long negatives = n - a.positives;
        double precision = ratio(a.truePositives, a.truePositives + a.falsePositives);
        double recall = ratio(a.truePositives, a.positives);
        double f1 = ratio(2 * a.truePositives, 2 * a.truePositives + a.falsePositives + a.falseNegatives);
        double auc = Double.NaN;
        double bound = Double.NaN;
        if (a.positives > 0 && negatives > 0) {
            double concordant = 0;
            double sameBin = 0;
            long negativesBelow = 0;
            for (int bin = 0; bin < ProbabilityBins.COUNT; bin++) {
                long positive = QualityAccumulator.count(a.positiveBins, bin);
                long negative = QualityAccumulator.count(a.negativeBins, bin);
                concordant += positive * (negativesBelow + 0.5 * negative);
                sameBin += (double) positive * negative;
                negativesBelow += negative;
            }
            double pairs = (double) a.positives * negatives;
            auc = concordant / pairs;
            bound = 0.5 * sameBin / pairs;
        }
        double ece = Double.NaN;
        if (n > 0) {
            ece = 0;
            for (int bin = 0; bin < QualityAccumulator.CALIBRATION_BINS; bin++) {
                long count = a.calibrationCount[bin];
                if (count > 0) {
                    ece += Math.abs(a.calibrationProbability[bin] / count - (double) a.calibrationPositives[bin] / count)
                            * count / n;
                }
            }
        }
        return new QualityFigures(a.firstTime, a.lastTime, a.scored, n, a.positives, ratio(a.sumProbability, n),
                ratio(a.positives, n), auc, bound, ratio(a.sumLogLoss, n), ratio(a.sumBrier, n), a.threshold,
                a.truePositives, a.falsePositives, a.falseNegatives, precision, recall, f1, ece);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
