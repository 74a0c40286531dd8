package io.leadscorer.trainer.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading a lead CSV did: rows read, used and rejected, the reasons with their counts, the first
 * rejected lines, and header columns that were unknown or absent. Nothing is dropped without showing up here.
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

    /** A few lines for the console: counts, reasons and the first rejected line numbers. */
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
            text.append(System.lineSeparator()).append("  columns absent from the header (read as missing): ")
                    .append(String.join(", ", absentColumns));
        }
        if (!unknownColumns.isEmpty()) {
            text.append(System.lineSeparator()).append("  columns ignored (not lead features): ")
                    .append(String.join(", ", unknownColumns));
        }
        return text.toString();
    }
}
