package io.leadscorer.trainer.data;

import io.leadscorer.model.text.ColumnKind;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads labelled leads from a CSV that follows the trainer's contract, {@value #GUIDE} (RFC 4180, UTF-8, a header
 * line of lead columns and the label first); cells are read through the shared {@link LeadRecord}, so missing
 * markers and numbers mean here what they mean to the scorer. A file that cannot be read, or whose header has none
 * of the lead columns or no label ({@link LeadCsvHeader}), is an {@link InputException}; a row that is malformed (not
 * valid CSV, wrong field count, label not true/false, a number column that is not a number) is skipped and counted
 * in the {@link ReadReport} with its line number, and reading goes on with the next line.
 */
public final class CsvLeadReader {
    /** Where the CSV contract is written down for the people who export the data, named in errors and --help. */
    public static final String GUIDE = "docs/TRAINING.md";
    private static final int REPORTED_LINES = 10;
    private static final String NOT_CSV = "rows that are not valid CSV";
    private static final String WRONG_FIELD_COUNT = "rows with a wrong field count";
    private static final String NOT_A_NUMBER = "rows with a non-numeric number cell";
    private static final String UNUSABLE_LABEL = "rows with an unusable label";

    public LeadTable read(Path file) {
        checkReadable(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, new CsvRecords(reader));
        } catch (CharacterCodingException e) {
            throw new InputException("cannot read " + file + ": it is not UTF-8 text", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot read " + file + ": " + rootMessage(e), e);
        }
    }

    private LeadTable read(Path file, CsvRecords records) throws IOException {
        CsvRecords.Raw headerRecord = records.next();
        if (headerRecord == null) {
            throw new InputException("cannot read " + file + ": it has no header line");
        }
        LeadCsvHeader header;
        try {
            header = LeadCsvHeader.of(file, fields(headerRecord.text()));
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot read " + file + ": its header line is not valid CSV: " + rootMessage(e), e);
        }

        List<LeadRow> rows = new ArrayList<>();
        Map<String, Long> rejectedByReason = new LinkedHashMap<>();
        List<ReadReport.RejectedLine> firstRejected = new ArrayList<>();
        long read = 0;
        for (CsvRecords.Raw raw = records.next(); raw != null; raw = records.next()) {
            read++;
            Outcome outcome = row(raw, header.size(), header.features(), header.labelIndex());
            if (outcome.row() == null && raw.spansLines() && !outcome.reason().equals(UNUSABLE_LABEL)
                    && !outcome.reason().equals(NOT_A_NUMBER)) {
                // not one record after all: a stray quote on its first line; the lines after it are rows of their own
                records.retryAfterFirstLine(raw);
                outcome = Outcome.rejected(NOT_CSV, "a quoted field opened on this line is not closed properly");
            }
            if (outcome.row() != null) {
                rows.add(outcome.row());
            } else {
                rejectedByReason.merge(outcome.reason(), 1L, Long::sum);
                if (firstRejected.size() < REPORTED_LINES) {
                    firstRejected.add(new ReadReport.RejectedLine(raw.line(), outcome.detail()));
                }
            }
        }
        ReadReport report = new ReadReport(file, read, rows.size(), read - rows.size(),
                rejectedByReason, firstRejected, header.unknown(), header.absent());
        return new LeadTable(rows, report);
    }

    private static Outcome row(CsvRecords.Raw raw, int headerSize, Map<String, Integer> features, int labelIndex) {
        List<String> fields;
        try {
            fields = fields(raw.text());
        } catch (IOException | UncheckedIOException e) {
            return Outcome.rejected(NOT_CSV, rootMessage(e));
        }
        if (fields.size() != headerSize) {
            return Outcome.rejected(WRONG_FIELD_COUNT,
                    fields.size() + " fields where the header has " + headerSize);
        }
        Map<String, String> cells = new HashMap<>();
        for (Map.Entry<String, Integer> feature : features.entrySet()) {
            cells.put(feature.getKey(), fields.get(feature.getValue()));
        }
        LeadRecord lead = LeadRecord.ofCsv(cells);
        Map<String, String> present = new HashMap<>();
        for (String csvName : features.keySet()) {
            LeadColumn column = LeadColumns.byCsvName(csvName).orElseThrow();
            Object value = lead.value(column.name());
            if (value == null) {
                continue;
            }
            if (column.kind() == ColumnKind.NUMBER && !(value instanceof Number)) {
                return Outcome.rejected(NOT_A_NUMBER,
                        "'" + csvName + "' is '" + value + "', not a number");
            }
            present.put(csvName, cells.get(csvName));
        }
        String labelCell = fields.get(labelIndex);
        Optional<Boolean> label = label(labelCell);
        if (label.isEmpty()) {
            return Outcome.rejected(UNUSABLE_LABEL, "label '" + labelCell + "' is not true or false");
        }
        return new Outcome(new LeadRow(raw.line(), present, label.get()), null, null);
    }

    /** The fields of one record's text, parsed by commons-csv (RFC 4180: quotes, doubled quotes, line breaks). */
    private static List<String> fields(String text) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new java.io.StringReader(text))) {
            List<CSVRecord> parsed = parser.getRecords();
            if (parsed.size() != 1) {
                throw new IOException("one line holds " + parsed.size() + " records");
            }
            List<String> fields = new ArrayList<>(parsed.get(0).size());
            parsed.get(0).forEach(fields::add);
            return fields;
        }
    }

    private static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new InputException("cannot read " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InputException("cannot read " + file + ": it is a directory");
        }
        if (!Files.isReadable(file)) {
            throw new InputException("cannot read " + file + ": permission denied");
        }
    }

    static Optional<Boolean> label(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "1.0", "yes" -> Optional.of(true);
            case "false", "0", "0.0", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** A row, or why it was rejected (a reason to count it under, and the detail for its line). */
    private record Outcome(LeadRow row, String reason, String detail) {
        static Outcome rejected(String reason, String detail) {
            return new Outcome(null, reason, detail);
        }
    }
}
