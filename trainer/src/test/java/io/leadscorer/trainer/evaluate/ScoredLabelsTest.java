package io.leadscorer.trainer.evaluate;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Metrics of eight scored leads, worked out by hand. */
class ScoredLabelsTest {
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2};
    private static final boolean[] TRUTH = {true, false, true, true, false, false, true, false};
    private final ScoredLabels scored = new ScoredLabels(TRUTH, SCORES);

    @Test
    void rocAucIsTheShareOfPositiveNegativePairsInTheRightOrder() {
        // positives 0.9, 0.7, 0.6, 0.3 against negatives 0.8, 0.55, 0.4, 0.2: 4 + 3 + 3 + 1 = 11 of 16 pairs
        assertThat(scored.metricsAt(0.5).rocAuc()).isCloseTo(11.0 / 16, within(1e-12));
    }

    @Test
    void prAucIsTheAveragePrecisionAtEachPositive() {
        // positives at ranks 1, 3, 4, 7: precision 1/1, 2/3, 3/4, 4/7 there, averaged over the 4 positives
        assertThat(scored.metricsAt(0.5).prAuc()).isCloseTo((1 + 2.0 / 3 + 3.0 / 4 + 4.0 / 7) / 4, within(1e-12));
    }

    @Test
    void tiedScoresCountHalfInRocAuc() {
        ScoredLabels tied = new ScoredLabels(new boolean[] {true, false, false, false}, new double[] {0.5, 0.5, 0.5, 0.1});

        // the positive beats 0.1 and ties two negatives: (1 + 0.5 + 0.5) / 3
        assertThat(tied.metricsAt(0.5).rocAuc()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void theChosenThresholdMaximisesF1() {
        // F1 of the top k: 0.40, 0.33, 0.57, 0.75, 0.67, 0.60, 0.73, 0.67 -> the top 4, cut between 0.6 and 0.55
        double threshold = scored.bestF1Threshold();

        assertThat(threshold).isCloseTo(0.575, within(1e-12));
        BinaryMetrics metrics = scored.metricsAt(threshold);
        assertThat(metrics.f1()).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.recall()).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.confusion()).isEqualTo(new ConfusionMatrix(3, 1, 3, 1));
        assertThat(metrics.rows()).isEqualTo(8);
        assertThat(metrics.positives()).isEqualTo(4);
    }

    @Test
    void noThresholdBeatsTheChosenOneOnRandomScoresWithTies() {
        Random random = new Random(3);
        boolean[] truth = new boolean[300];
        double[] scores = new double[300];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = random.nextDouble() < 0.15;
            scores[i] = Math.round((random.nextDouble() + (truth[i] ? 0.4 : 0)) * 40) / 40.0;
        }
        ScoredLabels random300 = new ScoredLabels(truth, scores);

        double best = random300.metricsAt(random300.bestF1Threshold()).f1();

        TreeSet<Double> candidates = new TreeSet<>();
        for (double score : scores) {
            candidates.add(score);
            candidates.add(Math.nextUp(score));
        }
        candidates.add(0.0);
        for (double candidate : candidates) {
            assertThat(random300.metricsAt(candidate).f1()).isLessThanOrEqualTo(best);
        }
        assertThat(best).isGreaterThan(0.3);
    }

    @Test
    void logLossIsTheMeanBinaryCrossEntropy() {
        ScoredLabels two = new ScoredLabels(new boolean[] {true, false}, new double[] {0.8, 0.3});

        assertThat(two.logLoss()).isCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, within(1e-12));
    }

    @Test
    void refusesMismatchedOrEmptyInput() {
        assertThatThrownBy(() -> new ScoredLabels(new boolean[2], new double[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoredLabels(new boolean[0], new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
