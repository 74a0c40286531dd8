package io.leadscorer.simulator.oracle;

import io.leadscorer.simulator.csv.LeadCsv;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a lead CSV and its probability side file together (row i of one is row i of the other) and
 * computes the oracle F1 of the sample.
 */
public final class OracleFiles {

    private OracleFiles() {
    }

    public static OracleReport read(Path csv, Path oracleFile) throws IOException {
        DoubleList probabilities = new DoubleList();
        BooleanList labels = new BooleanList();
        try (Reader leadsReader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             Reader oracleReader = Files.newBufferedReader(oracleFile, StandardCharsets.UTF_8);
             CSVParser leads = LeadCsv.READ_FORMAT.parse(leadsReader);
             CSVParser oracle = LeadCsv.READ_FORMAT.parse(oracleReader)) {
            requireColumn(leads, LeadCsv.LABEL, csv);
            requireColumn(oracle, "probability", oracleFile);
            Iterator<CSVRecord> oracleRows = oracle.iterator();
            for (CSVRecord lead : leads) {
                if (!oracleRows.hasNext()) {
                    throw new IllegalArgumentException(oracleFile + " has fewer rows than " + csv + " (" + lead.getRecordNumber() + " or more)");
                }
                labels.add(LeadCsv.parseLabel(lead.get(LeadCsv.LABEL)));
                probabilities.add(Double.parseDouble(oracleRows.next().get("probability")));
            }
            if (oracleRows.hasNext()) {
                throw new IllegalArgumentException(oracleFile + " has more rows than " + csv + " (" + labels.size + ")");
            }
        }
        return OracleF1.of(probabilities.toArray(), labels.toArray());
    }

    private static void requireColumn(CSVParser parser, String column, Path file) {
        if (!parser.getHeaderMap().containsKey(column)) {
            throw new IllegalArgumentException(file + " has no column '" + column + "'; header: " + parser.getHeaderNames());
        }
    }

    /** A growable array of doubles, so a million rows are not boxed. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** A growable array of booleans. */
    private static final class BooleanList {
        private boolean[] values = new boolean[1024];
        private int size;

        void add(boolean value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        boolean[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
