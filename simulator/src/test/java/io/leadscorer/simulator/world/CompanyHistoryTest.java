package io.leadscorer.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompanyHistoryTest {

    /** Quality at which the likelihood of the cells is highest, on a 0.01 grid over [-4, 4]. */
    private static double mostLikelyQuality(Long count, Double winRate) {
        double best = Double.NaN;
        double bestLog = Double.NEGATIVE_INFINITY;
        for (int i = -400; i <= 400; i++) {
            double quality = i / 100.0;
            double log = CompanyHistory.logLikelihood(quality, count, winRate);
            if (log > bestLog) {
                bestLog = log;
                best = quality;
            }
        }
        return best;
    }

    @Test
    void theLikelihoodOfTheCellsPeaksAtTheQualityThatDrawsThemWithoutNoise() {
        double quality = 1.5;
        double winRate = Draws.sigmoid(-1.2 + 0.9 * quality);

        assertThat(mostLikelyQuality(null, winRate)).isEqualTo(quality);
        assertThat(mostLikelyQuality(6L, null)).isCloseTo((Math.log(6) - 0.8) / 0.6, org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void noCellsSayNothing() {
        assertThat(CompanyHistory.logLikelihood(-2, null, null)).isZero();
        assertThat(CompanyHistory.logLikelihood(2, null, null)).isZero();
    }

    @Test
    void theDrawnHistoryFollowsTheQuality() {
        Draws draws = new Draws(5);
        double lowWins = 0;
        double highWins = 0;
        for (int i = 0; i < 2_000; i++) {
            lowWins += CompanyHistory.winRate(draws, -1);
            highWins += CompanyHistory.winRate(draws, 1);
        }
        assertThat(highWins / 2_000).isGreaterThan(lowWins / 2_000 + 0.2);
    }
}
