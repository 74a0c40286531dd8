package io.leadscorer.monitor.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    @Test
    void theIntervalCoversTheTrueDifferenceAboutAsOftenAsItsConfidenceSays() {
        double truth = expectedDifference(200_000);
        int trials = 200;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            Comparison comparison = PairedBootstrap.compare(
                    SyntheticLeads.pairs(400, SyntheticLeads.Model.BLUNT, SyntheticLeads.Model.SHARP, 1000 + t), 0.9);
            if (comparison.lower() <= truth && truth <= comparison.upper()) {
                covered++;
            }
        }
        assertThat(truth).isPositive();
        assertThat(covered / (double) trials).isBetween(0.84, 0.96);
    }

    @Test
    void theMetricValuesAreTheMeanLogLossesAndTheImprovementTheirDifference() {
        List<PairedScore> pairs = List.of(new PairedScore(0.5, 0.8, true), new PairedScore(0.5, 0.1, false),
                new PairedScore(0.4, 0.3, false));
        Comparison comparison = PairedBootstrap.compare(pairs, 0.95);
        double baseline = (-Math.log(0.5) - Math.log(0.5) - Math.log(0.6)) / 3;
        double challenger = (-Math.log(0.8) - Math.log(0.9) - Math.log(0.7)) / 3;
        assertThat(comparison.baselineValue()).isCloseTo(baseline, within(1e-12));
        assertThat(comparison.challengerValue()).isCloseTo(challenger, within(1e-12));
        assertThat(comparison.improvement()).isCloseTo(baseline - challenger, within(1e-12));
        assertThat(comparison.lower()).isLessThanOrEqualTo(comparison.improvement());
        assertThat(comparison.upper()).isGreaterThanOrEqualTo(comparison.improvement());
        assertThat(comparison.positives()).isEqualTo(1);
    }

    @Test
    void theSamePairsGiveTheSameInterval() {
        List<PairedScore> pairs = SyntheticLeads.pairs(300, SyntheticLeads.Model.SHARP, SyntheticLeads.Model.BLUNT, 8);
        assertThat(PairedBootstrap.compare(pairs, 0.95)).isEqualTo(PairedBootstrap.compare(pairs, 0.95));
    }

    @Test
    void aWiderConfidenceGivesAWiderInterval() {
        List<PairedScore> pairs = SyntheticLeads.pairs(300, SyntheticLeads.Model.SHARP, SyntheticLeads.Model.BLUNT, 9);
        Comparison narrow = PairedBootstrap.compare(pairs, 0.8);
        Comparison wide = PairedBootstrap.compare(pairs, 0.99);
        assertThat(wide.lower()).isLessThan(narrow.lower());
        assertThat(wide.upper()).isGreaterThan(narrow.upper());
    }

    /** The population's mean log-loss difference, from the leads' conversion probabilities themselves. */
    private static double expectedDifference(int leads) {
        Random random = new Random(77);
        double base = -1.5;
        double sum = 0;
        for (int i = 0; i < leads; i++) {
            double logOdds = base + 1.3 * random.nextGaussian();
            double p = 1 / (1 + Math.exp(-logOdds));
            double blunt = SyntheticLeads.Model.BLUNT.score(logOdds, base, random);
            double sharp = SyntheticLeads.Model.SHARP.score(logOdds, base, random);
            sum += p * (PairedBootstrap.logLoss(blunt, true) - PairedBootstrap.logLoss(sharp, true))
                    + (1 - p) * (PairedBootstrap.logLoss(blunt, false) - PairedBootstrap.logLoss(sharp, false));
        }
        return sum / leads;
    }
}
