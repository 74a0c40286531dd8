package io.leadscorer.trainer.prune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of pruning: every column's importance (empty when pruning is off) and the dropped columns. */
public record Pruning(Map<String, Double> importances, List<String> dropped) {
    public Pruning {
        importances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(importances));
        dropped = List.copyOf(dropped);
    }
}
