package io.leadscorer.trainer.prune;

import io.leadscorer.model.text.ColumnKind;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.trainer.data.LeadRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numeric features for the importance forest, one column at a time: a text column becomes its value's
 * frequency rank in the training split (0 when missing or unseen), as the seed's label encoding did; a number
 * column becomes its value plus a missing indicator, because missingness carries signal here. Values come from
 * the shared {@link LeadRecord}, so the forest sees the cells the network sees.
 */
final class ColumnEncoding {
    private final List<LeadColumn> columns;
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final List<String> featureNames = new ArrayList<>();
    private final int[][] featuresOfColumn;

    ColumnEncoding(List<LeadColumn> columns, List<LeadRow> training) {
        this.columns = List.copyOf(columns);
        this.featuresOfColumn = new int[columns.size()][];
        List<LeadRecord> records = training.stream().map(LeadRow::record).toList();
        for (int c = 0; c < columns.size(); c++) {
            LeadColumn column = columns.get(c);
            if (column.kind() == ColumnKind.TEXT) {
                codes.add(frequencyRanks(column, records));
                featuresOfColumn[c] = new int[] {featureNames.size()};
                featureNames.add(column.name());
            } else {
                codes.add(Map.of());
                featuresOfColumn[c] = new int[] {featureNames.size(), featureNames.size() + 1};
                featureNames.add(column.name());
                featureNames.add(column.name() + "#missing");
            }
        }
    }

    List<LeadColumn> columns() {
        return columns;
    }

    String[] featureNames() {
        return featureNames.toArray(String[]::new);
    }

    int[] featuresOf(int column) {
        return featuresOfColumn[column];
    }

    double[] encode(LeadRecord lead) {
        double[] values = new double[featureNames.size()];
        for (int c = 0; c < columns.size(); c++) {
            LeadColumn column = columns.get(c);
            Object value = lead.value(column.name());
            int[] features = featuresOfColumn[c];
            if (column.kind() == ColumnKind.TEXT) {
                values[features[0]] = value == null ? 0 : codes.get(c).getOrDefault(value.toString(), 0);
            } else if (value instanceof Number number) {
                values[features[0]] = number.doubleValue();
            } else if (value != null) {
                values[features[0]] = parseOrZero(value.toString());
            } else {
                values[features[1]] = 1;
            }
        }
        return values;
    }

    private static double parseOrZero(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Integer> frequencyRanks(LeadColumn column, List<LeadRecord> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (LeadRecord record : records) {
            Object value = record.value(column.name());
            if (value != null) {
                counts.merge(value.toString(), 1, Integer::sum);
            }
        }
        List<String> byFrequency = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < byFrequency.size(); i++) {
            ranks.put(byFrequency.get(i), i + 1);
        }
        return ranks;
    }
}
