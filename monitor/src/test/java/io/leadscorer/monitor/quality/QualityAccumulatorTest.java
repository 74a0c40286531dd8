package io.leadscorer.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QualityAccumulatorTest {

    private static final double THRESHOLD = 0.3;

    private record Labelled(double p, boolean y) {
    }

    private static List<Labelled> sample(long seed, int n) {
        Random random = new Random(seed);
        List<Labelled> leads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double p = 1 / (1 + Math.exp(-(random.nextGaussian() * 1.5 - 2)));
            leads.add(new Labelled(p, random.nextDouble() < p));
        }
        return leads;
    }

    private static QualityAccumulator accumulate(List<Labelled> leads) {
        QualityAccumulator sums = new QualityAccumulator();
        for (int i = 0; i < leads.size(); i++) {
            sums.add(new Observation("m", leads.get(i).p(), THRESHOLD, leads.get(i).y(), i, 1));
        }
        return sums;
    }

    /** The exact AUC: the share of positive-negative pairs ordered right, ties counting one half. */
    private static double exactAuc(List<Labelled> leads) {
        double[] positives = leads.stream().filter(Labelled::y).mapToDouble(Labelled::p).sorted().toArray();
        double[] negatives = leads.stream().filter(l -> !l.y()).mapToDouble(Labelled::p).sorted().toArray();
        double concordant = 0;
        for (double p : positives) {
            int below = lowerBound(negatives, p);
            int notAbove = upperBound(negatives, p);
            concordant += below + 0.5 * (notAbove - below);
        }
        return concordant / ((double) positives.length * negatives.length);
    }

    private static int lowerBound(double[] sorted, double value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == value) {
            i--;
        }
        return i;
    }

    private static int upperBound(double[] sorted, double value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length && sorted[i] == value) {
            i++;
        }
        return i;
    }

    @Test
    void theFiguresEqualTheSameFiguresComputedOfflineFromTheSameScores() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Labelled> leads = sample(seed, 5000);
            QualityFigures live = accumulate(leads).figures();

            double logLoss = leads.stream().mapToDouble(l -> -(l.y() ? Math.log(l.p()) : Math.log(1 - l.p())))
                    .average().orElseThrow();
            double brier = leads.stream().mapToDouble(l -> Math.pow(l.p() - (l.y() ? 1 : 0), 2)).average().orElseThrow();
            double ece = 0;
            for (int bin = 0; bin < 10; bin++) {
                final int b = bin;
                List<Labelled> in = leads.stream().filter(l -> Math.min(9, (int) Math.floor(l.p() * 10)) == b).toList();
                if (!in.isEmpty()) {
                    double meanP = in.stream().mapToDouble(Labelled::p).average().orElseThrow();
                    double rate = in.stream().filter(Labelled::y).count() / (double) in.size();
                    ece += Math.abs(meanP - rate) * in.size() / leads.size();
                }
            }
            long tp = leads.stream().filter(l -> l.y() && l.p() >= THRESHOLD).count();
            long fp = leads.stream().filter(l -> !l.y() && l.p() >= THRESHOLD).count();
            long fn = leads.stream().filter(l -> l.y() && l.p() < THRESHOLD).count();
            double exact = exactAuc(leads);

            assertThat(live.labelled()).isEqualTo(leads.size());
            assertThat(live.logLoss()).isCloseTo(logLoss, within(1e-9));
            assertThat(live.brier()).isCloseTo(brier, within(1e-9));
            assertThat(live.ece()).isCloseTo(ece, within(1e-9));
            assertThat(live.truePositives()).isEqualTo(tp);
            assertThat(live.falsePositives()).isEqualTo(fp);
            assertThat(live.falseNegatives()).isEqualTo(fn);
            assertThat(live.f1()).isCloseTo(2.0 * tp / (2.0 * tp + fp + fn), within(1e-12));
            assertThat(Math.abs(live.auc() - exact)).isLessThanOrEqualTo(live.aucErrorBound());
            assertThat(live.aucErrorBound()).isLessThan(0.002);
        }
    }

    @Test
    void theAucIsExactWhenNoBinHoldsBothClasses() {
        List<Labelled> leads = List.of(new Labelled(0.05, false), new Labelled(0.15, true), new Labelled(0.25, false),
                new Labelled(0.85, true));
        QualityFigures live = accumulate(leads).figures();
        assertThat(live.aucErrorBound()).isZero();
        assertThat(live.auc()).isEqualTo(exactAuc(leads)).isEqualTo(0.75);
    }

    @Test
    void aRetractedObservationLeavesNoTrace() {
        List<Labelled> leads = sample(9, 300);
        QualityAccumulator sums = accumulate(leads);
        Observation negative = new Observation("m", 0.42, THRESHOLD, false, 7, 1);
        sums.add(negative);
        sums.add(negative.retracted());
        QualityFigures after = sums.figures();
        QualityFigures without = accumulate(leads).figures();

        assertThat(after.labelled()).isEqualTo(without.labelled());
        assertThat(after.falsePositives()).isEqualTo(without.falsePositives());
        assertThat(after.auc()).isCloseTo(without.auc(), within(1e-12));
        assertThat(after.logLoss()).isCloseTo(without.logLoss(), within(1e-12));
        assertThat(after.ece()).isCloseTo(without.ece(), within(1e-12));
    }

    @Test
    void figuresWithNothingToRestOnAreNaN() {
        QualityAccumulator sums = new QualityAccumulator();
        sums.add(new ScoreFact("m", 0.2, 5));
        QualityFigures figures = sums.figures();
        assertThat(figures.scored()).isEqualTo(1);
        assertThat(figures.labelled()).isZero();
        assertThat(figures.auc()).isNaN();
        assertThat(figures.logLoss()).isNaN();
        assertThat(figures.precision()).isNaN();

        sums.add(new Observation("m", 0.2, THRESHOLD, true, 6, 1));
        assertThat(sums.figures().auc()).as("one class only").isNaN();
        assertThat(sums.figures().recall()).isZero();
    }

    @Test
    void theStoredFormReadsBackToTheSameFigures() {
        List<Labelled> leads = new ArrayList<>(sample(3, 1000));
        Collections.shuffle(leads, new Random(4));
        QualityAccumulator sums = accumulate(leads);
        sums.add(new ScoreFact("m", 0.7, 10));
        sums.add(new InputFact("m", 11, new int[] {2, 0, 5}));
        QualityAccumulatorSerde serde = new QualityAccumulatorSerde();
        byte[] bytes = serde.serialize("t", sums);
        QualityAccumulator read = serde.deserialize("t", bytes);

        assertThat(read.figures()).isEqualTo(sums.figures());
        assertThat(read.driftLeads).isEqualTo(1);
        assertThat(read.driftBins[2]).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(serde.serialize("t", read)).isEqualTo(bytes);
    }
}
