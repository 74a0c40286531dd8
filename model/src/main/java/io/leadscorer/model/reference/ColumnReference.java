package io.leadscorer.model.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.leadscorer.model.text.ColumnKind;
import io.leadscorer.model.text.LeadColumn;
import io.leadscorer.model.text.LeadRecord;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one lead column was distributed over the training leads, in bins a live monitor can count leads into and
 * compare ({@link Psi}). A TEXT column's bins are its most frequent training values (most frequent first, ties
 * by value), then "other" for every other value and "missing"; a NUMBER column's are intervals between training
 * quantiles ({@link #edges}), then "missing". Values are the raw ones {@link LeadRecord#value} gives, before
 * lead text cleans them; in a NUMBER column a value that is not a number (a CSV cell that did not parse) and NaN
 * count as missing.
 */
@JsonPropertyOrder({"name", "kind", "values", "edges", "shares"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class ColumnReference {
    public static final String OTHER = "other";
    public static final String MISSING = "missing";

    private final String name;
    private final ColumnKind kind;
    private final List<String> values;
    private final double[] edges;
    private final double[] shares;
    private final Map<String, Integer> binOfValue;

    /**
     * @param values TEXT columns: the values with a bin of their own, in bin order; empty for NUMBER columns
     * @param edges  NUMBER columns: the strictly increasing cut points between the intervals; empty for TEXT columns
     * @param shares the training leads' share in each bin, in bin order
     */
    @JsonCreator
    public ColumnReference(@JsonProperty("name") String name, @JsonProperty("kind") ColumnKind kind,
                           @JsonProperty("values") List<String> values, @JsonProperty("edges") double[] edges,
                           @JsonProperty("shares") double[] shares) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind of column " + name);
        this.binOfValue = index(name, values == null ? List.of() : values);
        this.values = values == null ? List.of() : List.copyOf(values);
        this.edges = edges == null ? new double[0] : edges.clone();
        this.shares = Objects.requireNonNull(shares, "shares of column " + name).clone();
        if (kind == ColumnKind.TEXT && this.edges.length > 0) {
            throw new IllegalArgumentException("text column " + name + " has number edges");
        }
        if (kind == ColumnKind.NUMBER && !this.values.isEmpty()) {
            throw new IllegalArgumentException("number column " + name + " has text values");
        }
        QuantileEdges.requireValid(this.edges, "column " + name);
        Shares.requireValid(this.shares, bins(), "column " + name);
    }

    /** The reference of one column over the training leads ({@code topValues} and {@code numberBins}: see above). */
    static ColumnReference fit(LeadColumn column, List<? extends LeadRecord> leads, int topValues, int numberBins) {
        boolean text = column.kind() == ColumnKind.TEXT;
        List<String> values = text ? topValues(column.name(), leads, topValues) : List.of();
        double[] edges = text ? new double[0] : QuantileEdges.of(sortedNumbers(column.name(), leads), numberBins);
        Map<String, Integer> index = index(column.name(), values);
        long[] counts = new long[bins(column.kind(), values.size(), edges.length)];
        for (LeadRecord lead : leads) {
            counts[bin(column.kind(), index, values.size(), edges, lead.value(column.name()))]++;
        }
        return new ColumnReference(column.name(), column.kind(), values, edges, Shares.of(counts, leads.size()));
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("kind")
    public ColumnKind kind() {
        return kind;
    }

    /** TEXT columns: the values with a bin of their own, in bin order; empty for NUMBER columns. */
    @JsonProperty("values")
    public List<String> values() {
        return values;
    }

    /** NUMBER columns: the cut points between the intervals; empty for TEXT columns. */
    @JsonProperty("edges")
    public double[] edges() {
        return edges.clone();
    }

    /** The training leads' share in each bin, in bin order: the expected shares of {@link Psi#of}. */
    @JsonProperty("shares")
    public double[] shares() {
        return shares.clone();
    }

    public int bins() {
        return bins(kind, values.size(), edges.length);
    }

    public int missingBin() {
        return bins() - 1;
    }

    /** The bin of a value as {@link LeadRecord#value} gives it: null (missing), a String, Double or Long. */
    public int bin(Object value) {
        return bin(kind, binOfValue, values.size(), edges, value);
    }

    public double share(int bin) {
        return shares[bin];
    }

    /** A bin for people: the value, {@link #OTHER}, {@link #MISSING}, or the interval ({@code [3, 6)}). */
    public String label(int bin) {
        if (bin < 0 || bin >= bins()) {
            throw new IndexOutOfBoundsException("column " + name + " has bins 0 to " + (bins() - 1) + ", not " + bin);
        }
        if (bin == missingBin()) {
            return MISSING;
        }
        if (kind == ColumnKind.NUMBER) {
            return QuantileEdges.label(edges, bin);
        }
        return bin < values.size() ? values.get(bin) : OTHER;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnReference that && name.equals(that.name) && kind == that.kind
                && values.equals(that.values) && Arrays.equals(edges, that.edges) && Arrays.equals(shares, that.shares);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, values, Arrays.hashCode(edges), Arrays.hashCode(shares));
    }

    @Override
    public String toString() {
        return "ColumnReference[" + name + " " + kind + ", " + bins() + " bins]";
    }

    /** Every value or interval, then "other" for a TEXT column, then "missing". */
    private static int bins(ColumnKind kind, int valueCount, int edgeCount) {
        return kind == ColumnKind.TEXT ? valueCount + 2 : edgeCount + 2;
    }

    private static int bin(ColumnKind kind, Map<String, Integer> binOfValue, int valueCount, double[] edges,
                           Object value) {
        int missing = bins(kind, valueCount, edges.length) - 1;
        if (value == null) {
            return missing;
        }
        if (kind == ColumnKind.TEXT) {
            return binOfValue.getOrDefault(value.toString(), valueCount);
        }
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            return missing;
        }
        return QuantileEdges.bin(edges, number.doubleValue());
    }

    private static Map<String, Integer> index(String column, List<String> values) {
        Map<String, Integer> index = new HashMap<>();
        for (String value : values) {
            if (index.putIfAbsent(Objects.requireNonNull(value, "a value of column " + column), index.size()) != null) {
                throw new IllegalArgumentException("column " + column + " lists the value '" + value + "' twice");
            }
        }
        return Map.copyOf(index);
    }

    /** The most frequent present values, ties broken by value. */
    private static List<String> topValues(String column, List<? extends LeadRecord> leads, int topValues) {
        Map<String, Long> counts = new HashMap<>();
        for (LeadRecord lead : leads) {
            Object value = lead.value(column);
            if (value != null) {
                counts.merge(value.toString(), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(topValues)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The numbers of a column in ascending order, without the missing and the infinite ones. */
    private static double[] sortedNumbers(String column, List<? extends LeadRecord> leads) {
        double[] numbers = new double[leads.size()];
        int count = 0;
        for (LeadRecord lead : leads) {
            if (lead.value(column) instanceof Number number && Double.isFinite(number.doubleValue())) {
                numbers[count++] = number.doubleValue() + 0.0;
            }
        }
        double[] sorted = Arrays.copyOf(numbers, count);
        Arrays.sort(sorted);
        return sorted;
    }
}
