package io.leadscorer.scorer.benchmark;

import java.util.Arrays;

/** Millisecond samples and their percentiles. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    void add(long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = millis;
    }

    int size() {
        return size;
    }

    long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))];
    }
}
