package io.leadscorer.monitor.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled leads drawn from known conversion probabilities, scored by two models: a sharp one that knows each lead's
 * probability up to a little noise, a blunt one that mostly does not, or a broken one that ranks them backwards.
 */
public final class SyntheticLeads {

    private SyntheticLeads() {
    }

    /** A model's view of the truth: {@code sharpness} 1 knows the log-odds, 0 knows only the base rate. */
    public record Model(double sharpness, double noise) {
        public static final Model SHARP = new Model(1.0, 0.05);
        public static final Model BLUNT = new Model(0.3, 0.6);
        public static final Model INVERTED = new Model(-1.0, 0.05);

        double score(double logOdds, double baseLogOdds, Random random) {
            double z = baseLogOdds + sharpness * (logOdds - baseLogOdds) + noise * random.nextGaussian();
            return 1 / (1 + Math.exp(-z));
        }
    }

    public static List<PairedScore> pairs(int leads, Model baseline, Model challenger, long seed) {
        Random random = new Random(seed);
        double base = -1.5;
        List<PairedScore> pairs = new ArrayList<>(leads);
        for (int i = 0; i < leads; i++) {
            double logOdds = base + 1.3 * random.nextGaussian();
            boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
            pairs.add(new PairedScore(baseline.score(logOdds, base, random), challenger.score(logOdds, base, random),
                    converted));
        }
        return pairs;
    }
}
