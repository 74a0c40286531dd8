package io.leadscorer.model.predict;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Platt scaling of the network's probability and the lead's value effects together:
 * {@code sigmoid(slope * logit(p) + effectsSlope * shift + intercept)}, fitted on held-out leads, so that the
 * probability a bundle serves is a conversion probability (of the leads scored 0.3, about 30% convert) and the decision
 * threshold reads on that scale. With a slope of its own for the effects it is also how the two are weighed against
 * each other (a stacking of the network and the effects, learnt on leads neither was fitted on). Monotone in each, so
 * it never reorders leads of equal effects. The manifest records it; a bundle without one serves the network's own
 * probability ({@link #NONE}), and one written before the effects had their own slope ({@code effects_slope} absent)
 * weighs them with {@code slope}, as those bundles did.
 */
public record Calibration(
        @JsonProperty("method") String method,
        @JsonProperty("slope") double slope,
        @JsonProperty("intercept") double intercept,
        @JsonProperty("effects_slope") Double effectsSlope) {

    public static final String PLATT = "platt";
    /** The identity: what bundles written before calibration existed serve. */
    public static final Calibration NONE = new Calibration(PLATT, 1, 0);
    private static final double EDGE = 1e-7;

    public Calibration {
        Objects.requireNonNull(method, "method");
        if (!PLATT.equals(method)) {
            throw new IllegalArgumentException("unknown calibration method '" + method + "' (known: platt)");
        }
        effectsSlope = effectsSlope == null ? slope : effectsSlope;
        if (!Double.isFinite(slope) || !Double.isFinite(intercept) || !Double.isFinite(effectsSlope)) {
            throw new IllegalArgumentException("calibration slopes and intercept must be finite: " + slope + ", "
                    + effectsSlope + ", " + intercept);
        }
    }

    /** Platt scaling of the network alone: the effects, if any, weighed like the network's log-odds. */
    public Calibration(String method, double slope, double intercept) {
        this(method, slope, intercept, slope);
    }

    /**
     * Fits slope and intercept by Newton's method on the log loss of the held-out labels, with Platt's smoothed
     * targets ({@code (positives + 1) / (positives + 2)} and {@code 1 / (negatives + 2)}) so that a small or
     * separable held-out set cannot push the probabilities to exactly 0 or 1.
     */
    public static Calibration fitPlatt(float[] probabilities, boolean[] labels) {
        return fitPlatt(probabilities, new double[probabilities.length], labels);
    }

    /**
     * {@link #fitPlatt(float[], boolean[])} with the leads' effect shifts as a second input with its own slope. Where
     * every shift is 0 (no effects) the effects slope is the network's.
     */
    public static Calibration fitPlatt(float[] probabilities, double[] shifts, boolean[] labels) {
        if (probabilities.length != labels.length || probabilities.length == 0 || shifts.length != labels.length) {
            throw new IllegalArgumentException("need one label and one shift per probability, and some: "
                    + probabilities.length + " probabilities, " + shifts.length + " shifts, " + labels.length + " labels");
        }
        boolean withEffects = false;
        for (double shift : shifts) {
            withEffects |= shift != 0;
        }
        // inputs: the network's log-odds, the effects' shift (when there are any) and 1 for the intercept
        double[][] x = new double[withEffects ? 3 : 2][probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            x[0][i] = logit(probabilities[i]);
            x[x.length - 1][i] = 1;
            if (withEffects) {
                x[1][i] = shifts[i];
            }
        }
        double[] w = fit(x, withEffects ? new double[] {1, 1, 0} : new double[] {1, 0}, labels);
        return withEffects ? new Calibration(PLATT, w[0], w[2], w[1]) : new Calibration(PLATT, w[0], w[1]);
    }

    /**
     * The value effects alone, calibrated as {@link #fitPlatt(float[], double[], boolean[])} calibrates them beside the
     * network: {@code sigmoid(effectsSlope * shift + intercept)}, the network's slope 0. What the same bundle would
     * serve without its network, so that the network's share is measured on the same effects and the same held-out
     * leads.
     */
    public static Calibration fitEffectsAlone(double[] shifts, boolean[] labels) {
        if (shifts.length != labels.length || shifts.length == 0) {
            throw new IllegalArgumentException("need one label per shift, and some: " + shifts.length + " shifts, "
                    + labels.length + " labels");
        }
        double[][] x = new double[2][shifts.length];
        for (int i = 0; i < shifts.length; i++) {
            x[0][i] = shifts[i];
            x[1][i] = 1;
        }
        double[] w = fit(x, new double[] {1, 0}, labels);
        return new Calibration(PLATT, 0, w[1], w[0]);
    }

    /**
     * The weights of a logistic regression of the labels on the inputs {@code x} (one row per input), by Newton's
     * method on the log loss with Platt's smoothed targets ({@code (positives + 1) / (positives + 2)} and
     * {@code 1 / (negatives + 2)}), so that a small or separable held-out set cannot push the probabilities to exactly
     * 0 or 1.
     */
    private static double[] fit(double[][] x, double[] start, boolean[] labels) {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        int negatives = labels.length - positives;
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double[] target = new double[labels.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = labels[i] ? high : low;
        }
        double[] w = start.clone();
        double loss = loss(x, target, w);
        for (int iteration = 0; iteration < 100; iteration++) {
            double[] gradient = new double[w.length];
            double[][] hessian = new double[w.length][w.length];
            for (int i = 0; i < target.length; i++) {
                double p = sigmoid(dot(x, w, i));
                double d = p - target[i];
                double v = p * (1 - p);
                for (int a = 0; a < w.length; a++) {
                    gradient[a] += d * x[a][i];
                    for (int b = 0; b < w.length; b++) {
                        hessian[a][b] += v * x[a][i] * x[b][i];
                    }
                }
            }
            for (int a = 0; a < w.length; a++) {
                hessian[a][a] += 1e-12;
            }
            double[] delta = solve(hessian, gradient);
            if (delta == null) {
                break;
            }
            // Newton's step, halved until the loss falls: a plain Newton step can overshoot far from the optimum
            double step = 1;
            double next = loss(x, target, minus(w, delta, step));
            while (!(next < loss) && step > 1e-10) {
                step /= 2;
                next = loss(x, target, minus(w, delta, step));
            }
            if (!(next < loss)) {
                break;
            }
            w = minus(w, delta, step);
            boolean converged = loss - next < 1e-12 * Math.max(1, Math.abs(loss));
            loss = next;
            if (converged) {
                break;
            }
        }
        return w;
    }

    private static double dot(double[][] x, double[] w, int i) {
        double z = 0;
        for (int a = 0; a < w.length; a++) {
            z += w[a] * x[a][i];
        }
        return z;
    }

    private static double[] minus(double[] w, double[] delta, double step) {
        double[] next = new double[w.length];
        for (int a = 0; a < w.length; a++) {
            next[a] = w[a] - step * delta[a];
        }
        return next;
    }

    /** Gaussian elimination with partial pivoting; null when the system is singular. */
    private static double[] solve(double[][] matrix, double[] vector) {
        int n = vector.length;
        double[][] m = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            System.arraycopy(matrix[r], 0, m[r], 0, n);
            m[r][n] = vector[r];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(m[pivot][c]) > 0)) {
                return null;
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] solution = new double[n];
        for (int r = 0; r < n; r++) {
            solution[r] = m[r][n] / m[r][r];
        }
        return solution;
    }

    /** The log loss of sigmoid(w . x) against the (smoothed) targets. */
    private static double loss(double[][] x, double[] target, double[] w) {
        double sum = 0;
        for (int i = 0; i < target.length; i++) {
            double z = dot(x, w, i);
            // log(1 + e^z) - t z, computed without overflow
            sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target[i] * z;
        }
        return sum;
    }

    /** The calibrated probability of one network probability. */
    public double apply(double probability) {
        return sigmoid(slope * logit(probability) + intercept);
    }

    /** Calibrated probabilities, in place of the network's. */
    public float[] apply(float[] probabilities) {
        return apply(probabilities, new double[probabilities.length]);
    }

    /**
     * Calibrated probabilities of the network's probabilities and the leads' effect shifts:
     * {@code sigmoid(slope * logit(p) + effectsSlope * shift + intercept)}.
     */
    public float[] apply(float[] probabilities, double[] shifts) {
        if (shifts.length != probabilities.length) {
            throw new IllegalArgumentException(shifts.length + " shifts for " + probabilities.length + " probabilities");
        }
        float[] calibrated = new float[probabilities.length];
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] = (float) sigmoid(slope * logit(probabilities[i]) + effectsSlope * shifts[i] + intercept);
        }
        return calibrated;
    }

    /** The log-odds of a probability, clamped away from 0 and 1 as calibration reads it. */
    public static double logit(double p) {
        double q = Math.min(1 - EDGE, Math.max(EDGE, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
