package io.leadscorer.model.text;

import io.leadscorer.avro.MqlEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The feature values of one lead, whatever it came from (a Kafka event or a training CSV row), so that
 * {@link LeadText} builds the same text for both.
 */
@FunctionalInterface
public interface LeadRecord {

    /**
     * The value of a column by its Avro / lead-text name: {@code null} when missing, otherwise a {@link String},
     * {@link Double} or {@link Long}.
     */
    Object value(String columnName);

    /** The lead of an event, read through the Avro field names. */
    static LeadRecord of(MqlEvent event) {
        return columnName -> CellValues.ofAvro(event.get(LeadColumns.byName(columnName).name()));
    }

    /**
     * The lead of a CSV row keyed by the competition headers ({@code customer_country.1}); headers that are not
     * lead columns (lead id, label) are ignored. Missing markers and number parsing: {@link CellValues#ofCsv}.
     */
    static LeadRecord ofCsv(Map<String, String> valuesByCsvHeader) {
        Map<String, Object> values = new HashMap<>();
        for (LeadColumn column : LeadColumns.ALL) {
            Object value = CellValues.ofCsv(column, valuesByCsvHeader.get(column.csvName()));
            if (value != null) {
                values.put(column.name(), value);
            }
        }
        return columnName -> values.get(LeadColumns.byName(columnName).name());
    }
}
