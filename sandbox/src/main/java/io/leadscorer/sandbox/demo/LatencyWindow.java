package io.leadscorer.sandbox.demo;

import java.util.Arrays;

/** Event-to-score latencies in milliseconds: all of them for the summary, and the recent ones for the live view. */
final class LatencyWindow {

    private long[] all = new long[1024];
    private int size;
    private int recentFrom;

    synchronized void add(long millis) {
        if (size == all.length) {
            all = Arrays.copyOf(all, size * 2);
        }
        all[size++] = millis;
    }

    /** Percentile (0-100) over everything recorded; NaN when empty. */
    synchronized double percentile(double p) {
        return percentile(Arrays.copyOf(all, size), p);
    }

    /** Percentile over what was recorded since the last call of this method (the live view's interval). */
    synchronized double[] recentPercentiles(double... ps) {
        long[] recent = Arrays.copyOfRange(all, recentFrom, size);
        recentFrom = size;
        double[] result = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            result[i] = percentile(recent.clone(), ps[i]);
        }
        return result;
    }

    /** Nearest-rank percentile. */
    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
