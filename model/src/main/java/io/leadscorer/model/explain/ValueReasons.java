package io.leadscorer.model.explain;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.LeadRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A lead's reasons from the bundle's value effects, exact on the served log-odds: the calibration adds
 * {@code effects_slope * (sum of the lead's value effects)} to them, so each column's share is {@code effects_slope}
 * times its value's effect, and removing the value (an unseen or missing value has effect 0) moves the served
 * log-odds by exactly that. The network's own term ({@code slope * network log-odds}) is not split by column here:
 * these reasons explain the part of the score the effects carry, not all of it, unless a deployment adds each column's
 * {@link ColumnOcclusion network share} ({@link #all(LeadRecord, Map)}).
 */
public final class ValueReasons {

    private static final Comparator<Reason> STRONGEST_UP = Comparator.comparingDouble(Reason::contribution).reversed()
            .thenComparing(Reason::column);
    private static final Comparator<Reason> STRONGEST_DOWN = Comparator.comparingDouble(Reason::contribution)
            .thenComparing(Reason::column);

    private final ValueEffects effects;
    private final EffectKeys keys;
    private final double effectsSlope;

    /** The reasons of a bundle's effects, its values written as {@code keys} (of the bundle's text spec) write them. */
    public ValueReasons(ValueEffects effects, EffectKeys keys, Calibration calibration) {
        this.effects = effects;
        this.keys = keys;
        this.effectsSlope = calibration.effectsSlope();
    }

    /** Whether any lead can get a reason (the bundle has value effects). */
    public boolean isEmpty() {
        return effects.isEmpty() || effectsSlope == 0;
    }

    /** Every column whose value moves this lead's served log-odds, with its contribution, in column order. */
    public List<Reason> all(LeadRecord lead) {
        List<Reason> reasons = new ArrayList<>();
        if (isEmpty()) {
            return reasons;
        }
        for (Map.Entry<String, ValueEffects.Column> column : effects.columns().entrySet()) {
            String key = keys.key(lead, column.getKey());
            if (key == null) {
                continue;
            }
            double effect = column.getValue().effects().getOrDefault(key, 0.0);
            double contribution = effectsSlope * effect;
            if (contribution != 0) {
                reasons.add(new Reason(column.getKey(), cellText(lead, column.getKey()), contribution));
            }
        }
        return reasons;
    }

    /**
     * {@link #all(LeadRecord)} with the network's share of each column added to the column's own: a column the
     * effects do not name gets a reason of its share alone, a cross gets none (the network reads single columns).
     * Columns in the effects' order, then the others in the order of {@code networkShares}.
     */
    public List<Reason> all(LeadRecord lead, Map<String, Double> networkShares) {
        Map<String, Double> contributions = new LinkedHashMap<>();
        for (Reason reason : all(lead)) {
            contributions.put(reason.column(), reason.contribution());
        }
        networkShares.forEach((column, share) -> contributions.merge(column, share, Double::sum));
        List<Reason> reasons = new ArrayList<>(contributions.size());
        contributions.forEach((column, contribution) -> {
            if (contribution != 0) {
                reasons.add(new Reason(column, cellText(lead, column), contribution));
            }
        });
        return reasons;
    }

    /** The lead's cell in a column as it arrived, a cross's parts joined by {@link ValueEffects#CROSS_VALUE}. */
    static String cellText(LeadRecord lead, String column) {
        StringJoiner text = new StringJoiner(ValueEffects.CROSS_VALUE);
        for (String part : ValueEffects.parts(column)) {
            text.add(String.valueOf(lead.value(part)));
        }
        return text.toString();
    }

    /**
     * Up to {@code perDirection} reasons that raise the lead's score (largest first), then up to {@code perDirection}
     * that lower it (most negative first); none for 0.
     */
    public List<Reason> top(LeadRecord lead, int perDirection) {
        return top(perDirection == 0 ? List.of() : all(lead), perDirection);
    }

    /** {@link #top(LeadRecord, int)} of the lead's reasons with the network's shares ({@link #all(LeadRecord, Map)}). */
    public List<Reason> top(LeadRecord lead, int perDirection, Map<String, Double> networkShares) {
        return top(perDirection == 0 ? List.of() : all(lead, networkShares), perDirection);
    }

    /** The ranking of {@link #top(LeadRecord, int)} applied to a lead's reasons. */
    public static List<Reason> top(List<Reason> all, int perDirection) {
        if (perDirection < 0) {
            throw new IllegalArgumentException("reasons per direction must not be negative, was " + perDirection);
        }
        if (perDirection == 0) {
            return List.of();
        }
        List<Reason> top = new ArrayList<>(Math.min(all.size(), 2 * perDirection));
        all.stream().filter(r -> r.contribution() > 0).sorted(STRONGEST_UP).limit(perDirection).forEach(top::add);
        all.stream().filter(r -> r.contribution() < 0).sorted(STRONGEST_DOWN).limit(perDirection).forEach(top::add);
        return List.copyOf(top);
    }
}
