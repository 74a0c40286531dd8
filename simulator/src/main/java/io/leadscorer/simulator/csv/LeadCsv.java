package io.leadscorer.simulator.csv;

import io.leadscorer.simulator.world.Column;
import io.leadscorer.simulator.world.SimulatedLead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The competition's CSV layout: the 28 feature columns under their competition names
 * ({@code customer_country.1}), then {@code is_converted} as {@code True}/{@code False}, empty cells for
 * missing values; and the side file that carries each row's true probability ({@code lead_id,probability},
 * one line per CSV row, in the same order).
 */
public final class LeadCsv {

    public static final String LABEL = SimulatedLead.LABEL;
    public static final List<String> HEADER;
    public static final List<String> ORACLE_HEADER = List.of("lead_id", "probability");
    /** Default name of the side file: the CSV's name with this suffix. */
    public static final String ORACLE_SUFFIX = ".oracle";

    static {
        List<String> header = new ArrayList<>();
        Arrays.stream(Column.values()).map(Column::csvName).forEach(header::add);
        header.add(LABEL);
        HEADER = List.copyOf(header);
    }

    /** Writing format of the lead CSV (header included, Unix line ends). */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(HEADER.toArray(String[]::new)).setRecordSeparator('\n').get();
    /** Writing format of the side file. */
    public static final CSVFormat ORACLE_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(ORACLE_HEADER.toArray(String[]::new)).setRecordSeparator('\n').get();
    /** Reading format for both: the first record is the header. */
    public static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).get();

    private LeadCsv() {
    }

    /** The lead's cells in {@link #HEADER} order. */
    public static String[] cells(SimulatedLead lead) {
        Column[] columns = Column.values();
        String[] cells = new String[columns.length + 1];
        for (Column column : columns) {
            cells[column.ordinal()] = Column.cell(lead.value(column));
        }
        cells[columns.length] = lead.label();
        return cells;
    }

    /** Parses a label cell: {@code True}/{@code False} (any case), {@code 1}/{@code 0}. */
    public static boolean parseLabel(String cell) {
        return switch (cell.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "1.0" -> true;
            case "false", "0", "0.0" -> false;
            default -> throw new IllegalArgumentException("not a label: '" + cell + "'");
        };
    }
}
