package io.leadscorer.trainer.data;

import io.leadscorer.model.text.LeadColumns;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading a lead CSV did: rows read, used and rejected, the reasons with their counts, the first
 * rejected lines, and header columns that were unknown (ignored) or absent (read as missing). Nothing is dropped
 * without showing up here.
 */
public record ReadReport(
        Path file,
        long rowsRead,
        long rowsUsed,
        long rowsRejected,
        Map<String, Long> rejectedByReason,
        List<RejectedLine> firstRejected,
        List<String> unknownColumns,
        List<String> absentColumns) {

    /** A rejected line and why. */
    public record RejectedLine(long line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    public ReadReport {
        rejectedByReason = Map.copyOf(rejectedByReason);
        firstRejected = List.copyOf(firstRejected);
        unknownColumns = List.copyOf(unknownColumns);
        absentColumns = List.copyOf(absentColumns);
    }

    /**
     * A few lines for the console, printed once per file: counts, reasons and the first rejected line numbers, a
     * warning naming the absent lead columns and a line naming the ignored ones.
     */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(file).append(": ").append(rowsRead).append(" rows read, ")
                .append(rowsUsed).append(" used, ").append(rowsRejected).append(" rejected");
        if (rowsRejected > 0) {
            text.append(" (").append(rejectedByReason.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")))
                    .append("); first rejected: ")
                    .append(firstRejected.stream().map(RejectedLine::toString).collect(Collectors.joining("; ")));
        }
        if (!absentColumns.isEmpty()) {
            text.append(System.lineSeparator()).append("  warning: ").append(absentColumns.size()).append(" of the ")
                    .append(LeadColumns.ALL.size()).append(" lead columns are absent from the header and read as ")
                    .append("missing in every row: ").append(String.join(", ", absentColumns))
                    .append(" (the CSV contract: ").append(CsvLeadReader.GUIDE).append(')');
        }
        if (!unknownColumns.isEmpty()) {
            text.append(System.lineSeparator()).append("  ignored: columns that are not lead columns: ")
                    .append(String.join(", ", unknownColumns));
        }
        return text.toString();
    }
}
