package io.leadscorer.trainer.effects;

import io.leadscorer.model.effects.IdEffects;
import io.leadscorer.model.text.LeadRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates {@link IdEffects} from labelled leads: a logistic model whose log-odds are a fixed offset per lead (the
 * network's logit) plus one random effect per value of each id column, each effect drawn from a normal prior with the
 * column's standard deviation. Every value gets its exact posterior mean, computed on a grid; the columns are
 * alternated (each fitted with the others' current effects added to the offset) a few times. A value with few rows is
 * shrunk towards 0, and a value without rows keeps 0, so a company the training data never saw is scored by the
 * network alone. A column may be a cross of lead columns ({@link IdEffects#CROSS}).
 */
public final class IdEffectFit {

    private static final int GRID_POINTS = 81;
    private static final double GRID_LIMIT = 5;
    private static final int SWEEPS = 4;
    private static final double[] GRID = new double[GRID_POINTS];
    private static final double[] LOG_PRIOR = new double[GRID_POINTS];

    static {
        for (int g = 0; g < GRID_POINTS; g++) {
            GRID[g] = -GRID_LIMIT + 2 * GRID_LIMIT * g / (GRID_POINTS - 1);
            LOG_PRIOR[g] = -0.5 * GRID[g] * GRID[g];
        }
    }

    private final List<String> columns;
    private final double[] offsets;
    private final boolean[] labels;
    /** Per column: the index of each lead's value in {@link #values} (-1: missing). */
    private final int[][] valueIndex;
    private final List<List<String>> values;

    /**
     * @param columns the id columns
     * @param leads   the labelled leads the effects are learnt from
     * @param offsets each lead's log-odds without id effects
     * @param labels  whether each lead converted
     */
    public IdEffectFit(List<String> columns, List<? extends LeadRecord> leads, double[] offsets, boolean[] labels) {
        columns.forEach(IdEffects::parts);
        if (offsets.length != leads.size() || labels.length != leads.size()) {
            throw new IllegalArgumentException("need one offset and one label per lead: " + leads.size() + " leads, "
                    + offsets.length + " offsets, " + labels.length + " labels");
        }
        this.columns = List.copyOf(columns);
        this.offsets = offsets.clone();
        this.labels = labels.clone();
        this.valueIndex = new int[columns.size()][leads.size()];
        this.values = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Integer> index = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < leads.size(); i++) {
                String value = IdEffects.key(leads.get(i), columns.get(c));
                valueIndex[c][i] = value == null ? -1 : index.computeIfAbsent(value, key -> {
                    names.add(key);
                    return names.size() - 1;
                });
            }
            values.add(names);
        }
    }

    /** The effects under priors with these standard deviations, one per column (0: the column has no effect). */
    public IdEffects fit(double[] priorSds) {
        if (priorSds.length != columns.size()) {
            throw new IllegalArgumentException(priorSds.length + " prior standard deviations for " + columns.size() + " columns");
        }
        double[][] effects = new double[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            effects[c] = new double[values.get(c).size()];
        }
        int sweeps = columns.size() == 1 ? 1 : SWEEPS;
        double[] base = new double[offsets.length];
        for (int sweep = 0; sweep < sweeps; sweep++) {
            for (int c = 0; c < columns.size(); c++) {
                for (int i = 0; i < base.length; i++) {
                    base[i] = offsets[i];
                    for (int other = 0; other < columns.size(); other++) {
                        int v = valueIndex[other][i];
                        if (other != c && v >= 0) {
                            base[i] += effects[other][v];
                        }
                    }
                }
                effects[c] = posteriorMeans(c, base, priorSds[c]);
            }
        }
        Map<String, IdEffects.Column> fitted = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            Map<String, Double> byValue = new HashMap<>();
            for (int v = 0; v < effects[c].length; v++) {
                byValue.put(values.get(c).get(v), effects[c][v]);
            }
            fitted.put(columns.get(c), new IdEffects.Column(priorSds[c], byValue));
        }
        return new IdEffects(fitted);
    }

    private double[] posteriorMeans(int column, double[] base, double sd) {
        int count = values.get(column).size();
        double[] means = new double[count];
        if (sd == 0) {
            return means;
        }
        double[][] log = new double[count][];
        for (int i = 0; i < base.length; i++) {
            int v = valueIndex[column][i];
            if (v < 0) {
                continue;
            }
            if (log[v] == null) {
                log[v] = LOG_PRIOR.clone();
            }
            double[] row = log[v];
            for (int g = 0; g < GRID_POINTS; g++) {
                double z = base[i] + sd * GRID[g];
                row[g] -= softplus(labels[i] ? -z : z);
            }
        }
        for (int v = 0; v < count; v++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double value : log[v]) {
                max = Math.max(max, value);
            }
            double mass = 0;
            double moment = 0;
            for (int g = 0; g < GRID_POINTS; g++) {
                double p = Math.exp(log[v][g] - max);
                mass += p;
                moment += p * GRID[g];
            }
            means[v] = sd * moment / mass;
        }
        return means;
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
