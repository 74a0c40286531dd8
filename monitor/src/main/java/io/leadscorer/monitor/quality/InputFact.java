package io.leadscorer.monitor.quality;

/**
 * The inputs of one lead as the model's bundle bins them: {@code bins[i]} is the reference bin of the bundle's
 * i-th reference column (missing values have a bin of their own).
 */
public record InputFact(String modelId, long time, int[] bins) implements ModelFact {
}
