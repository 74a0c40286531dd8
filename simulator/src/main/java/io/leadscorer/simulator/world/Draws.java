package io.leadscorer.simulator.world;

/**
 * The random source of the world: SplitMix64 with the few distributions the generator needs. Written out
 * here rather than taken from the JDK so that a seed gives the same world on every JDK; one instance per
 * lead (seeded from the sample seed and the lead's index) makes every lead reproducible on its own. Public
 * for what happens to a lead after it is drawn (its outcome), which must be as reproducible as the lead.
 */
public final class Draws {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    Draws(long seed) {
        this.state = seed;
    }

    /** Draws for one lead of a sample: independent streams for neighbouring indices and seeds. */
    public static Draws forLead(long seed, long index) {
        return new Draws(mix(mix(seed) + index * GOLDEN_GAMMA));
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return uniform() < probability;
    }

    /** Uniform in [0, n). */
    int index(int n) {
        return (int) (uniform() * n);
    }

    /** Standard normal (Marsaglia's polar method). */
    double gaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Number of successes in n trials of the given probability. */
    int binomial(int n, double probability) {
        int successes = 0;
        for (int i = 0; i < n; i++) {
            if (chance(probability)) {
                successes++;
            }
        }
        return successes;
    }

    /** An index drawn with the weights whose running sums are given (see {@link #cumulative}). */
    int pick(double[] cumulative) {
        double u = uniform() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    static double[] cumulative(double... weights) {
        double[] sums = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            sums[i] = total;
        }
        return sums;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
