package io.leadscorer.trainer.baseline;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.trainer.data.LeadRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Smoothed target encoding and counts of high-cardinality id columns (a company, a sales owner) for the boosted
 * trees. Each column gives two features: the value's conversion rate shrunk towards the overall rate,
 * {@code (positives + smoothing * prior) / (rows + smoothing)}, and {@code log(1 + rows)}. A training row's rate
 * comes from the other folds only (out of fold), so a row never sees its own label; rows outside the training
 * split are encoded from all training rows. Counts carry no label and are taken over all training rows. A column may
 * be a cross of lead columns, keyed as the value effects key it ({@link EffectKeys}, of the default lead text: a
 * baseline writes no bundle).
 */
final class OutOfFoldTargetEncoding {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private final List<String> columns;
    private final int folds;
    private final double smoothing;
    private final long seed;
    private double prior;
    private List<Map<String, int[]>> all;
    private float[][] training;

    OutOfFoldTargetEncoding(List<String> columns, int folds, double smoothing, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("out-of-fold encoding needs at least 2 folds, was " + folds);
        }
        this.columns = List.copyOf(columns);
        this.folds = folds;
        this.smoothing = smoothing;
        this.seed = seed;
    }

    /** Features per row: a rate and a log count for every column. */
    int width() {
        return 2 * columns.size();
    }

    List<String> columns() {
        return columns;
    }

    /** Fits on the training rows and computes their out-of-fold features (in the order of {@code rows}). */
    void fit(List<LeadRow> rows) {
        prior = rows.stream().filter(LeadRow::converted).count() / (double) rows.size();
        all = statistics(rows, -1, null);
        int[] fold = folds(rows.size());
        List<List<Map<String, int[]>>> outOfFold = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            outOfFold.add(statistics(rows, f, fold));
        }
        training = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            training[i] = features(rows.get(i), outOfFold.get(fold[i]));
        }
    }

    /** The out-of-fold features of the i-th training row given to {@link #fit}. */
    float[] training(int i) {
        return training[i];
    }

    /**
     * Features of a row that was not in the training split, from all training rows. Given a training row, this is
     * the in-fold encoding, which has seen the row's own label.
     */
    float[] encode(LeadRow row) {
        return features(row, all);
    }

    private float[] features(LeadRow row, List<Map<String, int[]>> rates) {
        float[] features = new float[width()];
        for (int c = 0; c < columns.size(); c++) {
            String key = KEYS.key(row.record(), columns.get(c));
            int[] rate = key == null ? null : rates.get(c).get(key);
            int[] count = key == null ? null : all.get(c).get(key);
            double positives = rate == null ? 0 : rate[1];
            double seen = rate == null ? 0 : rate[0];
            features[2 * c] = (float) ((positives + smoothing * prior) / (seen + smoothing));
            features[2 * c + 1] = (float) Math.log1p(count == null ? 0 : count[0]);
        }
        return features;
    }

    /** Per column, value to {rows, positives} over the rows not in fold {@code excluded} (-1: all rows). */
    private List<Map<String, int[]>> statistics(List<LeadRow> rows, int excluded, int[] fold) {
        List<Map<String, int[]>> statistics = new ArrayList<>(columns.size());
        for (String column : columns) {
            Map<String, int[]> byValue = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                if (excluded >= 0 && fold[i] == excluded) {
                    continue;
                }
                String key = KEYS.key(rows.get(i).record(), column);
                if (key != null) {
                    int[] counts = byValue.computeIfAbsent(key, k -> new int[2]);
                    counts[0]++;
                    counts[1] += rows.get(i).converted() ? 1 : 0;
                }
            }
            statistics.add(byValue);
        }
        return statistics;
    }

    /** A seeded, balanced assignment of rows to folds. */
    private int[] folds(int size) {
        List<Integer> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] fold = new int[size];
        for (int i = 0; i < size; i++) {
            fold[order.get(i)] = i % folds;
        }
        return fold;
    }
}
