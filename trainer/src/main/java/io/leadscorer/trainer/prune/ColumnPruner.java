package io.leadscorer.trainer.prune;

import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.trainer.data.LeadRow;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The seed's column pruning: the {@code dropCount} columns with the lowest random-forest importance on the
 * training split are left out of the lead text. Zero disables it (and skips growing the forest).
 */
public final class ColumnPruner {
    private final int dropCount;
    private final ColumnImportance importance;

    public ColumnPruner(int dropCount, ColumnImportance importance) {
        if (dropCount < 0) {
            throw new IllegalArgumentException("columns to drop must be >= 0, was " + dropCount);
        }
        this.dropCount = dropCount;
        this.importance = importance;
    }

    public Pruning prune(List<LeadColumn> columns, List<LeadRow> training) {
        if (dropCount == 0) {
            return new Pruning(Map.of(), List.of());
        }
        if (dropCount >= columns.size()) {
            throw new IllegalArgumentException("cannot drop " + dropCount + " of " + columns.size() + " columns");
        }
        Map<String, Double> importances = importance.measure(columns, training);
        List<String> dropped = importances.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(dropCount)
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparingInt(name -> indexOf(columns, name)))
                .toList();
        return new Pruning(importances, dropped);
    }

    private static int indexOf(List<LeadColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
