package io.leadscorer.trainer.data;

import java.util.List;

/** The usable rows of a lead CSV together with the report of how they were read. */
public record LeadTable(List<LeadRow> rows, ReadReport report) {
    public LeadTable {
        rows = List.copyOf(rows);
    }

    public long positives() {
        return rows.stream().filter(LeadRow::converted).count();
    }
}
