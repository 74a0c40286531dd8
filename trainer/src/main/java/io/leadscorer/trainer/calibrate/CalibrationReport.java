package io.leadscorer.trainer.calibrate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.model.predict.Calibration;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How well the served probabilities match conversion rates on the validation split: expected calibration error
 * (ECE, 10 equal-width bins, rows-weighted mean gap between mean probability and conversion rate) of the network's
 * own probabilities with the effects added to their log-odds, of the calibrated ones, and the reliability diagram's
 * bins. The calibrated figures are cross-fitted (the split halved at random; each half calibrated by the other half's
 * fit), since the same rows also fit the calibration that the bundle keeps.
 *
 * @param effectsSlope            the calibration's weight of the value effects' shift (its slope: the network's)
 * @param eceUncalibrated         ECE of the network's probabilities with the effects' shifts added, uncalibrated
 * @param eceCalibrated           cross-fitted ECE of the calibrated probabilities
 * @param eceCalibratedInSample   ECE of the kept calibration on the rows it was fitted on (optimistic)
 * @param bins                    the reliability diagram of the cross-fitted calibrated probabilities
 */
@Serdeable
public record CalibrationReport(
        @JsonProperty("method") String method,
        @JsonProperty("slope") double slope,
        @JsonProperty("intercept") double intercept,
        @JsonProperty("effects_slope") double effectsSlope,
        @JsonProperty("ece_uncalibrated") double eceUncalibrated,
        @JsonProperty("ece_calibrated") double eceCalibrated,
        @JsonProperty("ece_calibrated_in_sample") double eceCalibratedInSample,
        @JsonProperty("bins") List<Bin> bins) {

    static final int BINS = 10;

    /** One bin of the reliability diagram: its rows, their mean probability and their conversion rate. */
    @Serdeable
    public record Bin(
            @JsonProperty("lower") double lower,
            @JsonProperty("rows") long rows,
            @JsonProperty("mean_probability") double meanProbability,
            @JsonProperty("conversion_rate") double conversionRate) {}

    /**
     * Measures {@code kept} (fitted on these rows: the network's probabilities {@code raw} and the effects' shifts)
     * against its cross-fitted equivalent.
     */
    public static CalibrationReport of(Calibration kept, float[] raw, double[] shifts, boolean[] labels, long seed) {
        int[] half = new int[raw.length];
        Random random = new Random(seed);
        for (int i = 0; i < half.length; i++) {
            half[i] = random.nextInt(2);
        }
        float[] crossFitted = new float[raw.length];
        for (int h = 0; h < 2; h++) {
            int[] other = rows(half, 1 - h);
            Calibration fitted = Calibration.fitPlatt(select(raw, other), select(shifts, other), select(labels, other));
            float[] applied = fitted.apply(raw, shifts);
            for (int i = 0; i < raw.length; i++) {
                if (half[i] == h) {
                    crossFitted[i] = applied[i];
                }
            }
        }
        List<Bin> bins = bins(crossFitted, labels);
        return new CalibrationReport(kept.method(), kept.slope(), kept.intercept(), kept.effectsSlope(),
                ece(bins(Calibration.NONE.apply(raw, shifts), labels)), ece(bins), ece(bins(kept.apply(raw, shifts), labels)),
                bins);
    }

    /** Rows-weighted mean |mean probability - conversion rate| over the bins. */
    static double ece(List<Bin> bins) {
        long rows = bins.stream().mapToLong(Bin::rows).sum();
        double gap = 0;
        for (Bin bin : bins) {
            gap += bin.rows() * Math.abs(bin.meanProbability() - bin.conversionRate());
        }
        return rows == 0 ? 0 : gap / rows;
    }

    static List<Bin> bins(float[] probabilities, boolean[] labels) {
        long[] rows = new long[BINS];
        double[] sum = new double[BINS];
        long[] converted = new long[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(BINS - 1, (int) (probabilities[i] * BINS));
            rows[bin]++;
            sum[bin] += probabilities[i];
            converted[bin] += labels[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            if (rows[b] > 0) {
                bins.add(new Bin((double) b / BINS, rows[b], sum[b] / rows[b], (double) converted[b] / rows[b]));
            }
        }
        return bins;
    }

    /** The indices of the rows in half {@code which}. */
    private static int[] rows(int[] half, int which) {
        return java.util.stream.IntStream.range(0, half.length).filter(i -> half[i] == which).toArray();
    }

    private static float[] select(float[] values, int[] rows) {
        float[] selected = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
            selected[j] = values[rows[j]];
        }
        return selected;
    }

    private static double[] select(double[] values, int[] rows) {
        return java.util.Arrays.stream(rows).mapToDouble(i -> values[i]).toArray();
    }

    private static boolean[] select(boolean[] values, int[] rows) {
        boolean[] selected = new boolean[rows.length];
        for (int j = 0; j < rows.length; j++) {
            selected[j] = values[rows[j]];
        }
        return selected;
    }
}
