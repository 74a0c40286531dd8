package io.leadscorer.model.effects;

import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;
import java.util.StringJoiner;

/**
 * How a lead's values are written as the keys of {@link ValueEffects}: each cell as the lead text of one spec writes
 * it ({@link LeadText#value(Object)}), a cross's parts joined by {@link ValueEffects#CROSS_VALUE}. The trainer keys the
 * effects it fits with the spec it writes into the bundle's manifest, and the predictor looks them up with the spec it
 * reads from there, so both write a value alike whatever the spec's cleaning.
 */
public final class EffectKeys {

    private final LeadText text;

    public EffectKeys(TextSpec spec) {
        this.text = LeadText.forSpec(spec);
    }

    /** The key of a cell value in {@link ValueEffects.Column#effects}. */
    public String key(Object value) {
        return text.value(value);
    }

    /**
     * The key of a lead's value in an effect column ({@link ValueEffects#parts} names it); null when the lead misses
     * the value or any part of it.
     */
    public String key(LeadRecord lead, String column) {
        if (!ValueEffects.isCross(column)) {
            Object value = lead.value(column);
            return value == null ? null : key(value);
        }
        StringJoiner joined = new StringJoiner(ValueEffects.CROSS_VALUE);
        for (String part : ValueEffects.split(column)) {
            Object value = lead.value(part);
            if (value == null) {
                return null;
            }
            joined.add(key(value));
        }
        return joined.toString();
    }
}
