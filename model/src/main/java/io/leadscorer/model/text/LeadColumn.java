package io.leadscorer.model.text;

import java.util.Objects;

/**
 * One feature column of a lead: {@code name} is the Avro field and lead-text name ({@code customer_country_1}),
 * {@code csvName} the header of the competition CSV ({@code customer_country.1}).
 */
public record LeadColumn(String name, String csvName, ColumnKind kind) {
    public LeadColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(csvName, "csvName");
        Objects.requireNonNull(kind, "kind");
    }

    /** The prefix every token of this column starts with in lead text, e.g. {@code customer_idx_}. */
    public String prefix() {
        return name + "_";
    }
}
