package io.leadscorer.simulator.world;

import org.apache.commons.math3.special.Erf;

/**
 * How a company's recorded sales history depends on its latent quality: whether it has one, its historical
 * lead count ({@code historical_existing_cnt}) and its win rate ({@code com_reg_ver_win_rate}). The population
 * draws the history here, and {@link #logLikelihood} inverts the same law, so an estimate of a company's
 * quality from the cells it shows uses exactly the generator's formula.
 */
public final class CompanyHistory {

    private static final double PRESENCE_INTERCEPT = 0.8;
    private static final double PRESENCE_PER_LOG_RANK = -0.3;
    private static final double PRESENCE_PER_QUALITY = 0.5;
    private static final double COUNT_LOG_MEAN = 0.8;
    private static final double COUNT_PER_QUALITY = 0.6;
    private static final double COUNT_LOG_SD = 0.6;
    private static final double WIN_RATE_LOGIT_MEAN = -1.2;
    private static final double WIN_RATE_PER_QUALITY = 0.9;
    private static final double WIN_RATE_LOGIT_SD = 0.6;
    /** The win rate is recorded to 6 decimals; a logit is taken no closer to 0 or 1 than this. */
    private static final double WIN_RATE_FLOOR = 0.5e-6;

    private CompanyHistory() {
    }

    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    static boolean has(Draws draws, int rank, double quality) {
        return draws.chance(Draws.sigmoid(PRESENCE_INTERCEPT + PRESENCE_PER_LOG_RANK * Math.log(rank)
                + PRESENCE_PER_QUALITY * quality));
    }

    static long count(Draws draws, double quality) {
        return Math.round(Math.exp(COUNT_LOG_MEAN + COUNT_PER_QUALITY * quality + COUNT_LOG_SD * draws.gaussian()));
    }

    static double winRate(Draws draws, double quality) {
        return Population.round6(Draws.sigmoid(WIN_RATE_LOGIT_MEAN + WIN_RATE_PER_QUALITY * quality
                + WIN_RATE_LOGIT_SD * draws.gaussian()));
    }

    /**
     * Log-likelihood (up to a constant) of a company's recorded count and win rate, either null when no row
     * showed it, given its quality. Whether the company has a history at all also depends on its rank, which
     * no row shows, so that hint is left out.
     */
    public static double logLikelihood(double quality, Long count, Double winRate) {
        double log = 0;
        if (count != null) {
            double mean = COUNT_LOG_MEAN + COUNT_PER_QUALITY * quality;
            double upper = normalCdf((Math.log(count + 0.5) - mean) / COUNT_LOG_SD);
            double lower = count == 0 ? 0 : normalCdf((Math.log(count - 0.5) - mean) / COUNT_LOG_SD);
            log += Math.log(Math.max(upper - lower, Double.MIN_NORMAL));
        }
        if (winRate != null) {
            double clamped = Math.min(Math.max(winRate, WIN_RATE_FLOOR), 1 - WIN_RATE_FLOOR);
            double z = (Draws.logit(clamped) - WIN_RATE_LOGIT_MEAN - WIN_RATE_PER_QUALITY * quality) / WIN_RATE_LOGIT_SD;
            log += -0.5 * z * z;
        }
        return log;
    }
}
