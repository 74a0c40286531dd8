package io.leadscorer.model.tiers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Objects;

/**
 * The quantiles of the served probabilities of a bundle's validation leads, from the minimum (0th) to the maximum
 * (100th) at equal steps, and the percentile of a probability read back from them: the share of those leads scored at
 * or below it, 0 to 100, interpolated linearly between neighbouring quantiles (with the default 101 quantiles it is
 * within one percentile of the exact share).
 */
public final class PercentileTable {

    /** Quantiles recorded by default: every whole percentile. */
    public static final int DEFAULT_QUANTILES = 101;

    private final double[] quantiles;

    @JsonCreator
    public PercentileTable(double[] quantiles) {
        this.quantiles = Objects.requireNonNull(quantiles, "percentiles").clone();
        if (this.quantiles.length < 2) {
            throw new IllegalArgumentException("a percentile table needs at least 2 quantiles, has " + quantiles.length);
        }
        for (int i = 0; i < this.quantiles.length; i++) {
            double q = this.quantiles[i];
            if (!(q >= 0 && q <= 1) || i > 0 && q < this.quantiles[i - 1]) {
                throw new IllegalArgumentException("percentiles must be probabilities in ascending order: "
                        + Arrays.toString(quantiles));
            }
        }
    }

    /** The {@code count} quantiles of the probabilities (linear interpolation between order statistics). */
    public static PercentileTable fit(double[] probabilities, int count) {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("a percentile table needs probabilities");
        }
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 quantiles, was " + count);
        }
        double[] sorted = probabilities.clone();
        Arrays.sort(sorted);
        double[] quantiles = new double[count];
        for (int k = 0; k < count; k++) {
            double position = (double) k * (sorted.length - 1) / (count - 1);
            int low = (int) Math.floor(position);
            int high = Math.min(sorted.length - 1, low + 1);
            quantiles[k] = sorted[low] + (position - low) * (sorted[high] - sorted[low]);
        }
        return new PercentileTable(quantiles);
    }

    /** The percentile of a served probability: 0 below the lowest validation score, 100 at or above the highest. */
    public double percentile(double probability) {
        if (Double.isNaN(probability)) {
            throw new IllegalArgumentException("a probability of NaN has no percentile");
        }
        int last = quantiles.length - 1;
        if (probability < quantiles[0]) {
            return 0;
        }
        if (probability >= quantiles[last]) {
            return 100;
        }
        // the last quantile at or below the probability: below `last`, since the probability is under the maximum
        int low = 0;
        int high = last;
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (quantiles[middle] <= probability) {
                low = middle;
            } else {
                high = middle;
            }
        }
        double width = quantiles[low + 1] - quantiles[low];
        double fraction = width > 0 ? (probability - quantiles[low]) / width : 0;
        return 100.0 * (low + fraction) / last;
    }

    @JsonValue
    public double[] quantiles() {
        return quantiles.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PercentileTable that && Arrays.equals(quantiles, that.quantiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantiles);
    }

    @Override
    public String toString() {
        return "PercentileTable" + Arrays.toString(quantiles);
    }
}
