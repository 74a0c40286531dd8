package io.leadscorer.simulator.world;

import java.time.Instant;

/**
 * The shape of a simulated world. {@code worldSeed} fixes its structure (companies, owners, every effect on
 * conversion), so samples drawn with different sample seeds (a training set and a test set) come from the
 * same world. {@code signal} scales every effect on the conversion log-odds: larger is an easier world
 * with a higher oracle F1.
 *
 * @param worldSeed            seed of the world's structure
 * @param positiveRate         share of leads that convert, matched by calibrating the intercept
 * @param companies            number of customer companies (lead counts are Zipf-distributed over them)
 * @param companyZipfExponent  exponent of the Zipf law of leads per company
 * @param owners               number of sales owners, spread over the subsidiaries
 * @param signal               scale of all effects on the log-odds of conversion
 * @param start                event time of the first lead; leads follow about every 30 seconds
 */
public record WorldConfig(long worldSeed, double positiveRate, int companies, double companyZipfExponent, int owners,
                          double signal, Instant start) {

    public static final long DEFAULT_WORLD_SEED = 20240101L;
    public static final double DEFAULT_POSITIVE_RATE = 0.09;

    public WorldConfig {
        if (!(positiveRate > 0 && positiveRate < 1)) {
            throw new IllegalArgumentException("positive rate must lie strictly between 0 and 1, was " + positiveRate);
        }
        if (companies < 1 || owners < 1) {
            throw new IllegalArgumentException("a world needs at least one company and one owner");
        }
        if (!(companyZipfExponent > 0) || !(signal >= 0)) {
            throw new IllegalArgumentException("Zipf exponent must be positive and signal non-negative");
        }
    }

    public static WorldConfig defaults() {
        return new WorldConfig(DEFAULT_WORLD_SEED, DEFAULT_POSITIVE_RATE, 20_000, 1.0, 600, 1.0,
                Instant.parse("2024-01-01T00:00:00Z"));
    }

    public WorldConfig withPositiveRate(double rate) {
        return new WorldConfig(worldSeed, rate, companies, companyZipfExponent, owners, signal, start);
    }

    public WorldConfig withWorldSeed(long seed) {
        return new WorldConfig(seed, positiveRate, companies, companyZipfExponent, owners, signal, start);
    }

    public WorldConfig withCompanies(int count) {
        return new WorldConfig(worldSeed, positiveRate, count, companyZipfExponent, owners, signal, start);
    }

    public WorldConfig withOwners(int count) {
        return new WorldConfig(worldSeed, positiveRate, companies, companyZipfExponent, count, signal, start);
    }

    public WorldConfig withSignal(double scale) {
        return new WorldConfig(worldSeed, positiveRate, companies, companyZipfExponent, owners, scale, start);
    }
}
