package io.leadscorer.trainer.effects;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.text.LeadRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates {@link ValueEffects} from labelled leads: a logistic model whose log-odds are a fixed offset per lead (the
 * trainer gives the base rate, {@link #baseRateOffsets}) plus one random effect per value of each column, each effect
 * drawn from a normal prior with the column's standard deviation. Every value gets its exact posterior mean, computed
 * on a grid; the columns are alternated (each fitted with the others' current effects added to the offset) a few
 * times. A value with few rows is shrunk towards 0, and a value without rows keeps 0, so a company the training data
 * never saw adds nothing. A column may be a cross of lead columns ({@link ValueEffects#CROSS}).
 */
public final class ValueEffectFit {

    private static final int GRID_POINTS = 81;
    private static final double GRID_LIMIT = 5;
    private static final int SWEEPS = 4;
    /** Below this, e^z is finite at every grid point; a lead beyond takes the overflow-safe path. */
    private static final double EXP_SAFE = 700;
    private static final double[] GRID = new double[GRID_POINTS];
    private static final double[] LOG_PRIOR = new double[GRID_POINTS];

    static {
        for (int g = 0; g < GRID_POINTS; g++) {
            GRID[g] = -GRID_LIMIT + 2 * GRID_LIMIT * g / (GRID_POINTS - 1);
            LOG_PRIOR[g] = -0.5 * GRID[g] * GRID[g];
        }
    }

    private final List<String> columns;
    private final EffectKeys keys;
    private final double[] offsets;
    private final boolean[] labels;
    /** Per column: the index of each lead's value in {@link #values} (-1: missing). */
    private final int[][] valueIndex;
    private final List<List<String>> values;
    private final List<Map<String, Integer>> indexes;

    /**
     * @param columns the columns (or crosses) whose values get effects
     * @param keys    how the values are written as the effects' keys: with the text spec of the bundle they go into
     * @param leads   the labelled leads the effects are learnt from
     * @param offsets each lead's log-odds without value effects
     * @param labels  whether each lead converted
     */
    public ValueEffectFit(List<String> columns, EffectKeys keys, List<? extends LeadRecord> leads, double[] offsets,
                          boolean[] labels) {
        columns.forEach(ValueEffects::parts);
        if (offsets.length != leads.size() || labels.length != leads.size()) {
            throw new IllegalArgumentException("need one offset and one label per lead: " + leads.size() + " leads, "
                    + offsets.length + " offsets, " + labels.length + " labels");
        }
        this.columns = List.copyOf(columns);
        this.keys = keys;
        this.offsets = offsets.clone();
        this.labels = labels.clone();
        this.valueIndex = new int[columns.size()][leads.size()];
        this.values = new ArrayList<>();
        this.indexes = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Integer> index = new HashMap<>();
            indexes.add(index);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < leads.size(); i++) {
                String value = keys.key(leads.get(i), columns.get(c));
                valueIndex[c][i] = value == null ? -1 : index.computeIfAbsent(value, key -> {
                    names.add(key);
                    return names.size() - 1;
                });
            }
            values.add(names);
        }
    }

    /**
     * Effects being fitted: the prior standard deviation of each column and the effect of each of its values (in the
     * order of the training leads' first appearance). Immutable; {@link #withColumn} makes a new one.
     */
    public static final class Fitted {
        private final double[] priorSds;
        private final double[][] effects;

        private Fitted(double[] priorSds, double[][] effects) {
            this.priorSds = priorSds;
            this.effects = effects;
        }

        public double[] priorSds() {
            return priorSds.clone();
        }
    }

    /** The effects under priors with these standard deviations, one per column (0: the column has no effect). */
    public ValueEffects fit(double[] priorSds) {
        return effects(fitted(priorSds));
    }

    /** {@link #fit} before it becomes {@link ValueEffects}: the columns alternated from no effects until they settle. */
    public Fitted fitted(double[] priorSds) {
        if (priorSds.length != columns.size()) {
            throw new IllegalArgumentException(priorSds.length + " prior standard deviations for " + columns.size() + " columns");
        }
        double[][] none = new double[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            none[c] = new double[values.get(c).size()];
        }
        Fitted fitted = new Fitted(priorSds.clone(), none);
        int sweeps = columns.size() == 1 ? 1 : SWEEPS;
        for (int sweep = 0; sweep < sweeps; sweep++) {
            fitted = sweep(fitted);
        }
        return fitted;
    }

    /**
     * One column refitted under another prior standard deviation, the other columns' effects held: a cheap step
     * for a search, which compares the candidates of one column this way and then fits its choice in full.
     */
    public Fitted withColumn(Fitted from, int column, double priorSd) {
        double[] sds = from.priorSds.clone();
        sds[column] = priorSd;
        double[][] effects = from.effects.clone();
        effects[column] = posteriorMeans(column, base(from.effects, column), priorSd);
        return new Fitted(sds, effects);
    }

    /** Every column refitted once more in turn, starting from these effects. */
    public Fitted sweep(Fitted from) {
        double[][] effects = from.effects.clone();
        for (int c = 0; c < columns.size(); c++) {
            effects[c] = posteriorMeans(c, base(effects, c), from.priorSds[c]);
        }
        return new Fitted(from.priorSds.clone(), effects);
    }

    /** The effects as the bundle keeps them: per column, the effect of each value with training rows. */
    public ValueEffects effects(Fitted fitted) {
        Map<String, ValueEffects.Column> byColumn = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Double> byValue = new HashMap<>();
            for (int v = 0; v < fitted.effects[c].length; v++) {
                byValue.put(values.get(c).get(v), fitted.effects[c][v]);
            }
            byColumn.put(columns.get(c), new ValueEffects.Column(fitted.priorSds[c], byValue));
        }
        return new ValueEffects(byColumn);
    }

    /** Per column, the index of each of these leads' values among the training values (-1: missing or unseen). */
    public int[][] index(List<? extends LeadRecord> leads) {
        int[][] index = new int[columns.size()][leads.size()];
        for (int c = 0; c < columns.size(); c++) {
            for (int i = 0; i < leads.size(); i++) {
                String value = keys.key(leads.get(i), columns.get(c));
                index[c][i] = value == null ? -1 : indexes.get(c).getOrDefault(value, -1);
            }
        }
        return index;
    }

    /** The shift of each lead of an {@link #index}: what {@link ValueEffects#shifts} gives for the same effects. */
    public static double[] shifts(Fitted fitted, int[][] index) {
        double[] shifts = new double[index.length == 0 ? 0 : index[0].length];
        for (int c = 0; c < index.length; c++) {
            for (int i = 0; i < shifts.length; i++) {
                int v = index[c][i];
                if (v >= 0) {
                    shifts[i] += fitted.effects[c][v];
                }
            }
        }
        return shifts;
    }

    /** Each training lead's offset plus the other columns' effects: what {@code column}'s effects are fitted on. */
    private double[] base(double[][] effects, int column) {
        double[] base = offsets.clone();
        for (int other = 0; other < columns.size(); other++) {
            if (other == column) {
                continue;
            }
            int[] index = valueIndex[other];
            double[] effect = effects[other];
            for (int i = 0; i < base.length; i++) {
                if (index[i] >= 0) {
                    base[i] += effect[index[i]];
                }
            }
        }
        return base;
    }

    private double[] posteriorMeans(int column, double[] base, double sd) {
        int count = values.get(column).size();
        double[] means = new double[count];
        if (sd == 0) {
            return means;
        }
        // log-likelihood of a lead at grid point g: y z - log(1 + e^z), z = base + sd g; the y z term is summed per
        // value (its base part is the same at every g), and e^z = e^base e^(sd g) saves an exp per lead and point
        double[] growth = new double[GRID_POINTS];
        for (int g = 0; g < GRID_POINTS; g++) {
            growth[g] = Math.exp(sd * GRID[g]);
        }
        double[][] log = new double[count][];
        int[] positives = new int[count];
        for (int i = 0; i < base.length; i++) {
            int v = valueIndex[column][i];
            if (v < 0) {
                continue;
            }
            if (log[v] == null) {
                log[v] = LOG_PRIOR.clone();
            }
            double[] row = log[v];
            if (labels[i]) {
                positives[v]++;
            }
            if (Math.abs(base[i]) + sd * GRID_LIMIT < EXP_SAFE) {
                double odds = Math.exp(base[i]);
                for (int g = 0; g < GRID_POINTS; g++) {
                    row[g] -= Math.log1p(odds * growth[g]);
                }
            } else {
                for (int g = 0; g < GRID_POINTS; g++) {
                    row[g] -= softplus(base[i] + sd * GRID[g]);
                }
            }
        }
        for (int v = 0; v < count; v++) {
            double[] row = log[v];
            double max = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < GRID_POINTS; g++) {
                row[g] += positives[v] * sd * GRID[g];
                max = Math.max(max, row[g]);
            }
            double mass = 0;
            double moment = 0;
            for (int g = 0; g < GRID_POINTS; g++) {
                double p = Math.exp(row[g] - max);
                mass += p;
                moment += p * GRID[g];
            }
            means[v] = sd * moment / mass;
        }
        return means;
    }

    /**
     * The offsets of a fit on the base rate alone: {@code count} times the log-odds of the share of {@code labels}
     * that converted (the effects then make an additive model of their own, which the calibration weighs against
     * the network).
     */
    public static double[] baseRateOffsets(boolean[] labels, int count) {
        double[] offsets = new double[count];
        java.util.Arrays.fill(offsets, baseRateLogit(labels));
        return offsets;
    }

    /** The log-odds of the share of {@code labels} that converted. */
    public static double baseRateLogit(boolean[] labels) {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        return Calibration.logit(positives / (double) labels.length);
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
