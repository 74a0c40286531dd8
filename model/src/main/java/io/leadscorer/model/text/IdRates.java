package io.leadscorer.model.text;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the training labels say about the values of high-cardinality id columns (a company, a sales owner): per
 * value its training rows and its conversion rate shrunk towards the overall rate. {@link LeadText} turns them
 * into extra cells ({@code customer_idx_rate_p2 customer_idx_n_4}: the rate as half-steps of log2 of rate over
 * prior, the count as log2 buckets) and writes ids seen fewer than {@code rareBelow} times as one
 * {@code column_rare} token instead of spelling them out. A bundle stores the table fitted on all its training
 * rows in {@link #FILE}, so the scorer reads the same cells as evaluation does.
 *
 * @param prior   the training conversion rate, the rate of an unseen value
 * @param columns per id column, value (as {@link LeadText#value(Object)} writes it) to [rows, rate]
 */
public record IdRates(
        @JsonProperty("prior") double prior,
        @JsonProperty("columns") Map<String, Map<String, double[]>> columns) {

    /** The bundle file that holds the table. */
    public static final String FILE = "id_rates.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public IdRates {
        Objects.requireNonNull(columns, "columns");
        Map<String, Map<String, double[]>> copy = new TreeMap<>();
        columns.forEach((column, values) -> copy.put(column, Collections.unmodifiableMap(new TreeMap<>(values))));
        columns = Collections.unmodifiableMap(copy);
        if (!(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("prior must be in (0, 1): " + prior);
        }
    }

    /**
     * Fits the table: per value of each column, its count among {@code countRecords} and its smoothed rate
     * {@code (positives + smoothing * prior) / (rows + smoothing)} among {@code rateRecords} (which may be a
     * subset, for out-of-fold rates of training rows; counts carry no label and come from all of them).
     */
    public static IdRates fit(List<String> idColumns, List<LeadRecord> countRecords, List<LeadRecord> rateRecords,
                              boolean[] rateLabels, double prior, double smoothing) {
        LeadText text = LeadText.forSpec(TextSpec.defaults());
        Map<String, Map<String, double[]>> columns = new LinkedHashMap<>();
        for (String column : idColumns) {
            Map<String, double[]> byValue = new java.util.HashMap<>();
            for (LeadRecord record : countRecords) {
                Object value = record.value(column);
                if (value != null) {
                    byValue.computeIfAbsent(text.value(value), k -> new double[3])[0]++;
                }
            }
            for (int i = 0; i < rateRecords.size(); i++) {
                Object value = rateRecords.get(i).value(column);
                if (value != null) {
                    double[] stats = byValue.computeIfAbsent(text.value(value), k -> new double[3]);
                    stats[1]++;
                    stats[2] += rateLabels[i] ? 1 : 0;
                }
            }
            Map<String, double[]> table = new java.util.HashMap<>();
            byValue.forEach((value, stats) -> table.put(value,
                    new double[] {stats[0], (stats[2] + smoothing * prior) / (stats[1] + smoothing)}));
            columns.put(column, table);
        }
        return new IdRates(prior, columns);
    }

    public static IdRates read(Path file) {
        try {
            return JSON.readValue(file.toFile(), IdRates.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read id rates " + file + ": " + e.getMessage(), e);
        }
    }

    /** The table from its bytes (a bundle's verified copy); {@code source} names it in errors. */
    public static IdRates read(byte[] json, String source) {
        try {
            return JSON.readValue(json, IdRates.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read id rates " + source + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write id rates " + file + ": " + e.getMessage(), e);
        }
    }

    /** Training rows with this value of the column (0 when unseen). */
    public int count(String column, String value) {
        double[] stats = table(column).get(value);
        return stats == null ? 0 : (int) stats[0];
    }

    /** The rate and count cells of one id column for a value as LeadText writes it (null: missing). */
    String cells(String column, String value, String separator) {
        double[] stats = value == null ? null : table(column).get(value);
        double rate = stats == null ? prior : stats[1];
        int count = stats == null ? 0 : (int) stats[0];
        long steps = Math.round(2 * Math.log(rate / prior) / Math.log(2));
        steps = Math.max(-8, Math.min(8, steps));
        int countBucket = Math.min(10, 32 - Integer.numberOfLeadingZeros(count));
        return column + "_rate_" + (steps < 0 ? "m" + -steps : "p" + steps) + separator + column + "_n_" + countBucket;
    }

    private Map<String, double[]> table(String column) {
        Map<String, double[]> table = columns.get(column);
        if (table == null) {
            throw new IllegalArgumentException("no id rates for column '" + column + "'");
        }
        return table;
    }
}
