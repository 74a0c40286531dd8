package io.leadscorer.monitor.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeLongComparisonTest {

    @Test
    void aucsAndTheirDifferencesVarianceMatchTheDefinitionsComputedPairByPair() {
        Random random = new Random(5);
        List<PairedScore> pairs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean converted = random.nextDouble() < 0.3;
            double signal = converted ? 0.6 : 0.4;
            double baseline = Math.round((signal + 0.3 * random.nextGaussian()) * 10) / 10.0;
            double challenger = Math.round((signal + 0.15 * random.nextGaussian()) * 20) / 20.0;
            pairs.add(new PairedScore(baseline, challenger, converted));
        }
        double confidence = 0.9;

        Comparison fast = DeLongComparison.compare(pairs, confidence);

        BruteForce slow = new BruteForce(pairs);
        assertThat(fast.baselineValue()).isCloseTo(slow.auc(0), within(1e-12));
        assertThat(fast.challengerValue()).isCloseTo(slow.auc(1), within(1e-12));
        assertThat(fast.improvement()).isCloseTo(slow.auc(1) - slow.auc(0), within(1e-12));
        double z = StandardNormal.quantile(0.95);
        double half = (fast.upper() - fast.lower()) / 2;
        assertThat(half / z * (half / z)).isCloseTo(slow.differenceVariance(), within(1e-12));
        assertThat(slow.differenceVariance()).isPositive();
        assertThat((fast.upper() + fast.lower()) / 2).isCloseTo(fast.improvement(), within(1e-12));
        assertThat(fast.labelled()).isEqualTo(60);
        assertThat(fast.positives()).isEqualTo(pairs.stream().filter(PairedScore::converted).count());
    }

    @Test
    void midranksShareTiedRanks() {
        assertThat(DeLongComparison.midranks(new double[] {0.3, 0.1, 0.3, 0.9, 0.3}))
                .containsExactly(3, 1, 3, 5, 3);
    }

    @Test
    void aModelComparedWithItselfDiffersByNothing() {
        List<PairedScore> pairs = SyntheticLeads.pairs(500, SyntheticLeads.Model.SHARP, SyntheticLeads.Model.SHARP, 3)
                .stream().map(pair -> new PairedScore(pair.baseline(), pair.baseline(), pair.converted())).toList();
        Comparison same = DeLongComparison.compare(pairs, 0.95);
        assertThat(same.improvement()).isZero();
        assertThat(same.lower()).isCloseTo(0, within(1e-12));
        assertThat(same.upper()).isCloseTo(0, within(1e-12));
    }

    @Test
    void withoutTwoOfEachClassThereIsNoInterval() {
        Comparison one = DeLongComparison.compare(List.of(new PairedScore(0.2, 0.3, false),
                new PairedScore(0.4, 0.1, false), new PairedScore(0.7, 0.8, true)), 0.95);
        assertThat(one.hasInterval()).isFalse();
        assertThat(one.baselineValue()).isEqualTo(1.0);
        assertThat(one.challengerValue()).isEqualTo(1.0);
    }

    @Test
    void normalQuantilesAreThoseOfTheTables() {
        assertThat(StandardNormal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(StandardNormal.quantile(0.005)).isCloseTo(-2.575829303548901, within(1e-8));
        assertThat(StandardNormal.quantile(0.5)).isCloseTo(0, within(1e-12));
        assertThat(StandardNormal.quantile(0.8)).isCloseTo(0.8416212335729143, within(1e-8));
    }

    /** DeLong's structural components straight from their definitions, over every positive-negative pair. */
    private static final class BruteForce {
        private final double[][] v10;
        private final double[][] v01;
        private final double[] auc = new double[2];

        BruteForce(List<PairedScore> pairs) {
            List<PairedScore> positives = pairs.stream().filter(PairedScore::converted).toList();
            List<PairedScore> negatives = pairs.stream().filter(pair -> !pair.converted()).toList();
            int m = positives.size();
            int n = negatives.size();
            v10 = new double[2][m];
            v01 = new double[2][n];
            for (int model = 0; model < 2; model++) {
                double total = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double psi = psi(score(positives.get(i), model), score(negatives.get(j), model));
                        v10[model][i] += psi / n;
                        v01[model][j] += psi / m;
                        total += psi;
                    }
                }
                auc[model] = total / ((double) m * n);
            }
        }

        double auc(int model) {
            return auc[model];
        }

        double differenceVariance() {
            return (covariance(v10, 0, 0) + covariance(v10, 1, 1) - 2 * covariance(v10, 0, 1)) / v10[0].length
                    + (covariance(v01, 0, 0) + covariance(v01, 1, 1) - 2 * covariance(v01, 0, 1)) / v01[0].length;
        }

        private double covariance(double[][] v, int a, int b) {
            int k = v[a].length;
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += (v[a][i] - auc[a]) * (v[b][i] - auc[b]);
            }
            return sum / (k - 1);
        }

        private static double score(PairedScore pair, int model) {
            return model == 0 ? pair.baseline() : pair.challenger();
        }

        private static double psi(double positive, double negative) {
            return positive > negative ? 1 : positive == negative ? 0.5 : 0;
        }
    }
}
