package io.leadscorer.monitor.quality;

import java.util.Arrays;

/**
 * The running sums behind one model's figures over one scope (a window, or since it first scored). Every figure is
 * a sum or a histogram, so it takes {@link ModelFact}s one at a time in any order, and an observation with weight -1
 * undoes one with weight +1 exactly (up to floating-point rounding of the sums). Its size does not grow with the
 * number of leads: the probabilities live on {@link ProbabilityBins}.
 */
public final class QualityAccumulator {

    public static final int CALIBRATION_BINS = 10;
    static final double EPSILON = 1e-15;

    long firstTime = Long.MAX_VALUE;
    long lastTime = Long.MIN_VALUE;
    long scored;
    long labelled;
    long positives;
    double sumProbability;
    double sumLogLoss;
    double sumBrier;
    double threshold = Double.NaN;
    long truePositives;
    long falsePositives;
    long falseNegatives;
    final long[] calibrationCount = new long[CALIBRATION_BINS];
    final long[] calibrationPositives = new long[CALIBRATION_BINS];
    final double[] calibrationProbability = new double[CALIBRATION_BINS];
    final long[] positiveBins = new long[ProbabilityBins.COUNT];
    final long[] negativeBins = new long[ProbabilityBins.COUNT];
    final long[] scoreBins = new long[ProbabilityBins.COUNT];
    long driftLeads;
    long[][] driftBins = new long[0][];

    public void add(ModelFact fact) {
        if (fact instanceof Observation observation) {
            add(observation);
        } else if (fact instanceof ScoreFact score) {
            add(score);
        } else if (fact instanceof InputFact inputs) {
            add(inputs);
        }
        firstTime = Math.min(firstTime, fact.time());
        lastTime = Math.max(lastTime, fact.time());
    }

    private void add(Observation o) {
        int w = o.weight();
        double p = o.probability();
        double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        int y = o.converted() ? 1 : 0;
        labelled += w;
        positives += (long) w * y;
        sumProbability += w * p;
        sumLogLoss += w * -(o.converted() ? Math.log(clipped) : Math.log1p(-clipped));
        sumBrier += w * (p - y) * (p - y);
        threshold = o.threshold();
        boolean predicted = p >= o.threshold();
        if (predicted && o.converted()) {
            truePositives += w;
        } else if (predicted) {
            falsePositives += w;
        } else if (o.converted()) {
            falseNegatives += w;
        }
        int calibrationBin = (int) Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(p * CALIBRATION_BINS)));
        calibrationCount[calibrationBin] += w;
        calibrationPositives[calibrationBin] += (long) w * y;
        calibrationProbability[calibrationBin] += w * p;
        (o.converted() ? positiveBins : negativeBins)[ProbabilityBins.of(p)] += w;
    }

    private void add(ScoreFact score) {
        scored++;
        scoreBins[ProbabilityBins.of(score.probability())]++;
    }

    private void add(InputFact inputs) {
        int[] bins = inputs.bins();
        if (driftBins.length < bins.length) {
            driftBins = Arrays.copyOf(driftBins, bins.length);
        }
        for (int column = 0; column < bins.length; column++) {
            long[] counts = driftBins[column] == null ? new long[0] : driftBins[column];
            if (counts.length <= bins[column]) {
                counts = Arrays.copyOf(counts, bins[column] + 1);
            }
            counts[bins[column]]++;
            driftBins[column] = counts;
        }
        driftLeads++;
    }

    /** The figures these sums give. */
    public QualityFigures figures() {
        return QualityFigures.of(this);
    }
}
