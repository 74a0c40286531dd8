package io.leadscorer.monitor.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running sums behind one model's figures over one scope (a window, or since it first scored). Every figure is
 * a sum or a histogram, so it takes {@link ModelFact}s one at a time in any order, and an observation with weight -1
 * undoes one with weight +1 exactly (up to floating-point rounding of the sums). Its size does not grow with the
 * number of leads: the probabilities live on {@link ProbabilityBins}. The sums and the histograms can be kept apart
 * ({@link #addSums}, {@link #binCounts}, {@link #addBin}) and put together again for the figures.
 */
public final class QualityAccumulator {

    public static final int CALIBRATION_BINS = 10;
    public static final double EPSILON = 1e-15;

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
    /** The histograms on {@link ProbabilityBins}, empty until a bin is counted (the sums alone never need them). */
    long[] positiveBins = new long[0];
    long[] negativeBins = new long[0];
    long[] scoreBins = new long[0];
    long driftLeads;
    int driftColumns;
    long[][] driftBins = new long[0][];

    /** One count of a histogram: which one ({@link #POSITIVES}, {@link #NEGATIVES}, {@link #SCORES}, or a drift column), which bin, by how much. */
    public record BinCount(String histogram, int bin, long count) {
    }

    public static final String POSITIVES = "p";
    public static final String NEGATIVES = "n";
    public static final String SCORES = "s";
    private static final String DRIFT = "d";

    /** Adds a fact to every figure: the sums and the histograms. */
    public void add(ModelFact fact) {
        addSums(fact);
        binCounts(fact).forEach(count -> addBin(count.histogram(), count.bin(), count.count()));
    }

    /**
     * Adds a fact to the sums only, leaving the histograms to {@link #binCounts}: the quality store keeps each bin as
     * an entry of its own, so that a fact rewrites a few small entries, not three histograms.
     */
    void addSums(ModelFact fact) {
        if (fact instanceof Observation observation) {
            addSums(observation);
        } else if (fact instanceof ScoreFact) {
            scored++;
        } else if (fact instanceof InputFact inputs) {
            driftLeads++;
            driftColumns = Math.max(driftColumns, inputs.bins().length);
        }
        firstTime = Math.min(firstTime, fact.time());
        lastTime = Math.max(lastTime, fact.time());
    }

    /** The histogram bins a fact counts in. */
    static List<BinCount> binCounts(ModelFact fact) {
        if (fact instanceof Observation o) {
            return List.of(new BinCount(o.converted() ? POSITIVES : NEGATIVES, ProbabilityBins.of(o.probability()),
                    o.weight()));
        }
        if (fact instanceof ScoreFact score) {
            return List.of(new BinCount(SCORES, ProbabilityBins.of(score.probability()), 1));
        }
        InputFact inputs = (InputFact) fact;
        List<BinCount> counts = new ArrayList<>(inputs.bins().length);
        for (int column = 0; column < inputs.bins().length; column++) {
            counts.add(new BinCount(DRIFT + column, inputs.bins()[column], 1));
        }
        return counts;
    }

    /** Adds {@code count} to one bin of one histogram. */
    void addBin(String histogram, int bin, long count) {
        switch (histogram) {
            case POSITIVES -> (positiveBins = full(positiveBins))[bin] += count;
            case NEGATIVES -> (negativeBins = full(negativeBins))[bin] += count;
            case SCORES -> (scoreBins = full(scoreBins))[bin] += count;
            default -> {
                int column = Integer.parseInt(histogram.substring(DRIFT.length()));
                if (driftBins.length <= column) {
                    driftBins = Arrays.copyOf(driftBins, column + 1);
                }
                long[] counts = driftBins[column] == null ? new long[0] : driftBins[column];
                if (counts.length <= bin) {
                    counts = Arrays.copyOf(counts, bin + 1);
                }
                counts[bin] += count;
                driftBins[column] = counts;
            }
        }
    }

    private static long[] full(long[] bins) {
        return bins.length == ProbabilityBins.COUNT ? bins : Arrays.copyOf(bins, ProbabilityBins.COUNT);
    }

    /** A histogram's count in one bin (0 for a histogram not yet counted in). */
    static long count(long[] bins, int bin) {
        return bin < bins.length ? bins[bin] : 0;
    }

    private void addSums(Observation o) {
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
    }

    /** The figures these sums give. */
    public QualityFigures figures() {
        return QualityFigures.of(this);
    }
}
