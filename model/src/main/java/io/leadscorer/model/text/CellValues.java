package io.leadscorer.model.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns raw Avro and CSV cell values into the value types of {@link LeadRecord} (String, Double, Long or null). */
final class CellValues {
    /** CSV markers of a missing cell, compared case-insensitively after trimming (pandas reads these as NaN too). */
    static final Set<String> CSV_MISSING = Set.of("", "nan", "na", "null");

    /** A plain decimal number; unlike Double.parseDouble this refuses "Infinity", "0x1p3" and "1d". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CellValues() {}

    static Object ofAvro(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Double || value instanceof Long) {
            return value;
        }
        if (value instanceof Float || value instanceof java.math.BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value.toString();
    }

    static Object ofCsv(LeadColumn column, String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (CSV_MISSING.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (column.kind() == ColumnKind.NUMBER && DECIMAL.matcher(trimmed).matches()) {
            return Double.parseDouble(trimmed);
        }
        return raw;
    }
}
