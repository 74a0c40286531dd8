package io.leadscorer.trainer.baseline;

import io.leadscorer.model.text.ColumnKind;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.trainer.data.LeadRow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baselines' view of a lead, fitted on the training split. Text columns are one-hot over their values as
 * the lead text writes them (the same cleaning the transformer sees), with a "rare" feature for values seen
 * fewer than {@code minCount} times and a "missing" feature. Number columns are either one-hot quantile bins
 * plus "missing" (for the linear model) or kept as raw values with missing left absent (for the trees).
 */
final class OneHotEncoding {
    private static final String MISSING = "#missing";
    private static final String RARE = "#rare";
    private final LeadText text = LeadText.forSpec(TextSpec.defaults());
    private final boolean binNumbers;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, double[]> binEdges = new HashMap<>();

    OneHotEncoding(List<LeadRow> training, int minCount, int bins, boolean binNumbers) {
        this.binNumbers = binNumbers;
        List<LeadRecord> records = training.stream().map(LeadRow::record).toList();
        for (LeadColumn column : LeadColumns.ALL) {
            if (column.kind() == ColumnKind.TEXT) {
                Map<String, Integer> counts = new HashMap<>();
                for (LeadRecord record : records) {
                    Object value = record.value(column.name());
                    if (value != null) {
                        counts.merge(text.value(value), 1, Integer::sum);
                    }
                }
                counts.entrySet().stream()
                        .filter(e -> e.getValue() >= minCount)
                        .map(Map.Entry::getKey)
                        .sorted()
                        .forEach(value -> add(column.name() + "=" + value));
                add(column.name() + RARE);
            } else if (binNumbers) {
                double[] values = records.stream().map(r -> r.value(column.name()))
                        .filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
                double[] edges = quantileEdges(values, bins);
                binEdges.put(column.name(), edges);
                for (int b = 0; b <= edges.length; b++) {
                    add(column.name() + "#bin" + b);
                }
            } else {
                add(column.name());
            }
            add(column.name() + MISSING);
        }
    }

    int width() {
        return index.size();
    }

    /**
     * Feature indices and values for one lead: exactly one feature per column, ascending because every
     * column's features were numbered together and columns in order.
     */
    SparseRow encode(LeadRecord record) {
        int[] indices = new int[LeadColumns.ALL.size()];
        float[] values = new float[indices.length];
        for (int c = 0; c < indices.length; c++) {
            LeadColumn column = LeadColumns.ALL.get(c);
            Object value = record.value(column.name());
            String feature;
            float featureValue = 1f;
            if (!(value instanceof Number) && (value == null || column.kind() == ColumnKind.NUMBER)) {
                feature = column.name() + MISSING;
            } else if (column.kind() == ColumnKind.TEXT) {
                String known = column.name() + "=" + text.value(value);
                feature = index.containsKey(known) ? known : column.name() + RARE;
            } else if (binNumbers) {
                feature = column.name() + "#bin" + bin(binEdges.get(column.name()), ((Number) value).doubleValue());
            } else {
                feature = column.name();
                featureValue = ((Number) value).floatValue();
            }
            indices[c] = index.get(feature);
            values[c] = featureValue;
        }
        return new SparseRow(indices, values);
    }

    /** One lead's active features. */
    record SparseRow(int[] indices, float[] values) {}

    private void add(String feature) {
        index.putIfAbsent(feature, index.size());
    }

    private static double[] quantileEdges(double[] sorted, int bins) {
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] edges = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
            edges[b - 1] = sorted[(int) Math.min(sorted.length - 1, Math.floor((double) b * sorted.length / bins))];
        }
        return Arrays.stream(edges).distinct().toArray();
    }

    private static int bin(double[] edges, double value) {
        int bin = 0;
        while (bin < edges.length && value >= edges[bin]) {
            bin++;
        }
        return bin;
    }
}
