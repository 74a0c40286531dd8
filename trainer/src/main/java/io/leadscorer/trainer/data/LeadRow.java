package io.leadscorer.trainer.data;

import io.leadscorer.model.text.LeadRecord;

import java.util.List;
import java.util.Map;

/**
 * One labelled lead as read from the training CSV: its source line (for reports), its feature cells by CSV
 * header name (a missing cell is absent from the map) and whether it converted.
 */
public record LeadRow(long line, Map<String, String> cells, boolean converted) {

    public LeadRow {
        cells = Map.copyOf(cells);
    }

    /** The lead as the shared `model` code sees it, so lead text is built exactly as the scorer builds it. */
    public LeadRecord record() {
        return LeadRecord.ofCsv(cells);
    }

    /** Each row's {@link #record}, in order. */
    public static List<LeadRecord> records(List<LeadRow> rows) {
        return rows.stream().map(LeadRow::record).toList();
    }

    /** Whether each row converted, in order. */
    public static boolean[] labels(List<LeadRow> rows) {
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).converted();
        }
        return labels;
    }

    public LeadRow withCells(Map<String, String> newCells) {
        return new LeadRow(line, newCells, converted);
    }
}
