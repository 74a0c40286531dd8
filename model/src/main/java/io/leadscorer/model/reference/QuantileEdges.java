package io.leadscorer.model.reference;

import java.util.Arrays;

/**
 * Equal-frequency bins of a sample: the cut points between them and the bin a value falls in. Shared by the number
 * columns and the served scores, so both are binned alike: a bin holds the values from its lower edge (included)
 * to its upper edge (excluded), the first reaches down to minus infinity and the last up to plus infinity.
 */
final class QuantileEdges {

    private QuantileEdges() {}

    /**
     * At most {@code bins - 1} strictly increasing edges, each the sample's value at the quantile {@code i / bins};
     * equal edges are merged and an edge at the sample's minimum is left out, so every bin holds some of the sample.
     *
     * @param sorted finite values in ascending order
     */
    static double[] of(double[] sorted, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least 1 bin, was " + bins);
        }
        double[] edges = new double[Math.max(0, bins - 1)];
        int count = 0;
        for (int i = 1; i < bins && sorted.length > 0; i++) {
            double edge = sorted[(int) ((long) i * sorted.length / bins)];
            if (edge > sorted[0] && (count == 0 || edge > edges[count - 1])) {
                edges[count++] = edge;
            }
        }
        return Arrays.copyOf(edges, count);
    }

    /** The bin of a value: how many edges are at or below it (compared as numbers, so -0.0 equals 0.0). */
    static int bin(double[] edges, double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (edges[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Refuses edges that are not finite and strictly increasing; {@code what} names them in the message. */
    static void requireValid(double[] edges, String what) {
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || i > 0 && !(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException(what + " edges must be finite and strictly increasing: "
                        + Arrays.toString(edges));
            }
        }
    }

    /** The interval of a bin for people: {@code < 3}, {@code [3, 6)}, {@code >= 8}, or {@code any} without edges. */
    static String label(double[] edges, int bin) {
        if (edges.length == 0) {
            return "any";
        }
        if (bin == 0) {
            return "< " + number(edges[0]);
        }
        if (bin == edges.length) {
            return ">= " + number(edges[edges.length - 1]);
        }
        return "[" + number(edges[bin - 1]) + ", " + number(edges[bin]) + ")";
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
