package io.leadscorer.model.text;

import static io.leadscorer.model.text.ColumnKind.NUMBER;
import static io.leadscorer.model.text.ColumnKind.TEXT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 28 feature columns of an MQL lead in the order of docs/ARCHITECTURE.md, "Lead columns" (and of MqlEvent.avsc).
 * Numeric kinds follow the Avro types: double and long fields are {@link ColumnKind#NUMBER}, string fields
 * {@link ColumnKind#TEXT}.
 */
public final class LeadColumns {
    /** The label column of the training CSV. */
    public static final String LABEL = "is_converted";

    public static final List<LeadColumn> ALL = List.of(
            column("bant_submit", NUMBER),
            column("customer_country", TEXT),
            column("business_unit", TEXT),
            column("com_reg_ver_win_rate", NUMBER),
            column("customer_idx", NUMBER),
            column("customer_type", TEXT),
            column("enterprise", TEXT),
            column("historical_existing_cnt", NUMBER),
            column("id_strategic_ver", NUMBER),
            column("it_strategic_ver", NUMBER),
            column("idit_strategic_ver", NUMBER),
            column("customer_job", TEXT),
            column("lead_desc_length", NUMBER),
            column("inquiry_type", TEXT),
            column("product_category", TEXT),
            column("product_subcategory", TEXT),
            column("product_modelname", TEXT),
            new LeadColumn("customer_country_1", "customer_country.1", TEXT),
            column("customer_position", TEXT),
            column("response_corporate", TEXT),
            column("expected_timeline", TEXT),
            column("ver_cus", NUMBER),
            column("ver_pro", NUMBER),
            column("ver_win_rate_x", NUMBER),
            column("ver_win_ratio_per_bu", NUMBER),
            column("business_area", TEXT),
            column("business_subarea", TEXT),
            column("lead_owner", NUMBER));

    /** The column names (Avro / lead-text names) in order. */
    public static final List<String> NAMES = ALL.stream().map(LeadColumn::name).toList();

    private static final Map<String, LeadColumn> BY_NAME = index(LeadColumn::name);
    private static final Map<String, LeadColumn> BY_CSV_NAME = index(LeadColumn::csvName);

    private LeadColumns() {}

    /** The column with this Avro / lead-text name; IllegalArgumentException for an unknown name. */
    public static LeadColumn byName(String name) {
        LeadColumn column = BY_NAME.get(name);
        if (column == null) {
            throw new IllegalArgumentException("unknown lead column '" + name + "'; known columns: " + NAMES);
        }
        return column;
    }

    public static Optional<LeadColumn> byCsvName(String csvName) {
        return Optional.ofNullable(BY_CSV_NAME.get(csvName));
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    private static LeadColumn column(String name, ColumnKind kind) {
        return new LeadColumn(name, name, kind);
    }

    private static Map<String, LeadColumn> index(Function<LeadColumn, String> key) {
        return ALL.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> {
            throw new IllegalStateException("duplicate column " + a);
        }, LinkedHashMap::new));
    }
}
