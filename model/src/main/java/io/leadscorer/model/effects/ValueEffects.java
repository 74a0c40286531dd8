package io.leadscorer.model.effects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.text.LeadColumns;
import io.leadscorer.model.text.LeadRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Per-value effects of lead columns (a company, a sales owner, a country, a job title) on the log-odds of
 * conversion, which the calibration weighs against the network's logit (its {@code effects_slope}). The trainer
 * estimates them from the training labels as random effects on the base rate (empirical Bayes: each value's posterior
 * mean under a normal prior, so a value with few rows is shrunk towards 0 and an unseen one gets 0); older bundles,
 * without an {@code effects_slope} in their calibration, hold effects of the ids alone, fitted on the network's
 * logit. A bundle stores them in
 * {@link #FILE}; the predictor applies them, so the scorer and {@code evaluate} serve the same probabilities. Bundles
 * without the file have none.
 * <p>
 * A column may also be a cross of lead columns, named by joining them with {@link #CROSS}
 * ({@code product_category*business_area}): its values are the combinations of the parts' values, for an interaction
 * that no single column carries (does this product fit this vertical); a lead missing any part has no value there.
 *
 * @param columns per column, its prior standard deviation and its values' effects (values as {@link EffectKeys} write
 *                them with the bundle's text spec; a cross's parts joined by {@link #CROSS_VALUE})
 */
public record ValueEffects(@JsonProperty("columns") Map<String, Column> columns) {

    /** The bundle file that holds the effects. */
    public static final String FILE = "id_effects.json";
    /** No effects: what bundles written before them serve. */
    public static final ValueEffects NONE = new ValueEffects(Map.of());
    /** What joins the lead columns of a crossed column's name. */
    public static final String CROSS = "*";
    /** What joins the parts of a crossed column's value. */
    public static final String CROSS_VALUE = " | ";
    private static final Pattern CROSS_SPLIT = Pattern.compile(Pattern.quote(CROSS));
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One column's effects.
     *
     * @param priorSd the standard deviation of the normal prior the effects were shrunk with
     * @param effects value to effect on the log-odds
     */
    public record Column(@JsonProperty("prior_sd") double priorSd,
                         @JsonProperty("effects") Map<String, Double> effects) {
        public Column {
            if (!(priorSd >= 0) || !Double.isFinite(priorSd)) {
                throw new IllegalArgumentException("prior_sd must be finite and not negative: " + priorSd);
            }
            effects = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(effects, "effects")));
            effects.forEach((value, effect) -> {
                if (effect == null || !Double.isFinite(effect)) {
                    throw new IllegalArgumentException("the effect of value '" + value + "' is not a finite number: " + effect);
                }
            });
        }
    }

    public ValueEffects {
        columns = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(columns, "columns")));
        columns.keySet().forEach(ValueEffects::parts);
    }

    /** The lead columns an effect column is made of: itself, or a cross's parts; an unknown name is an error. */
    public static List<String> parts(String column) {
        List<String> parts = List.of(split(column));
        for (String part : parts) {
            if (!LeadColumns.isKnown(part)) {
                throw new IllegalArgumentException("value effect column '" + column + "' names '" + part
                        + "', which is not a lead column");
            }
        }
        return parts;
    }

    /** The bundle's effects, or {@link #NONE} when it has no {@link #FILE}. */
    public static ValueEffects of(Bundle bundle) {
        return bundle.has(FILE) ? read(bundle.bytes(FILE), bundle.modelId() + "/" + FILE) : NONE;
    }

    /** The effects from their bytes; {@code source} names them in errors. */
    public static ValueEffects read(byte[] json, String source) {
        try {
            return JSON.readValue(json, ValueEffects.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read value effects " + source + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write value effects " + file + ": " + e.getMessage(), e);
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** Whether an effect column is a cross of lead columns rather than one column. */
    public static boolean isCross(String column) {
        return column.contains(CROSS);
    }

    /** The names of a column's parts, unchecked ({@link #parts} checks them). */
    static String[] split(String column) {
        return CROSS_SPLIT.split(column, -1);
    }

    /**
     * What the lead's values add to its log-odds: the sum of their effects (0 for a missing or unseen value), each
     * value written as {@code keys} write it.
     */
    public double shift(LeadRecord lead, EffectKeys keys) {
        double shift = 0;
        for (Map.Entry<String, Column> column : columns.entrySet()) {
            String key = keys.key(lead, column.getKey());
            if (key != null) {
                shift += column.getValue().effects().getOrDefault(key, 0.0);
            }
        }
        return shift;
    }

    /** {@link #shift} of each lead, in order. */
    public double[] shifts(List<? extends LeadRecord> leads, EffectKeys keys) {
        double[] shifts = new double[leads.size()];
        for (int i = 0; i < shifts.length; i++) {
            shifts[i] = shift(leads.get(i), keys);
        }
        return shifts;
    }
}
