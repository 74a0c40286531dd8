package io.leadscorer.model.predict;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Platt scaling of the network's probability: {@code sigmoid(slope * logit(p) + intercept)}, fitted on held-out
 * leads, so that the probability a bundle serves is a conversion probability (of the leads scored 0.3, about 30%
 * convert) and the decision threshold reads on that scale. Monotone, so it never reorders leads. The manifest
 * records it; a bundle without one serves the network's own probability ({@link #NONE}).
 */
public record Calibration(
        @JsonProperty("method") String method,
        @JsonProperty("slope") double slope,
        @JsonProperty("intercept") double intercept) {

    public static final String PLATT = "platt";
    /** The identity: what bundles written before calibration existed serve. */
    public static final Calibration NONE = new Calibration(PLATT, 1, 0);
    private static final double EDGE = 1e-7;

    public Calibration {
        Objects.requireNonNull(method, "method");
        if (!PLATT.equals(method)) {
            throw new IllegalArgumentException("unknown calibration method '" + method + "' (known: platt)");
        }
        if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("calibration slope and intercept must be finite: " + slope + ", " + intercept);
        }
    }

    /**
     * Fits slope and intercept by Newton's method on the log loss of the held-out labels, with Platt's smoothed
     * targets ({@code (positives + 1) / (positives + 2)} and {@code 1 / (negatives + 2)}) so that a small or
     * separable held-out set cannot push the probabilities to exactly 0 or 1.
     */
    public static Calibration fitPlatt(float[] probabilities, boolean[] labels) {
        if (probabilities.length != labels.length || probabilities.length == 0) {
            throw new IllegalArgumentException("need one label per probability, and some: "
                    + probabilities.length + " probabilities, " + labels.length + " labels");
        }
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        int negatives = labels.length - positives;
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double[] z = new double[probabilities.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logit(probabilities[i]);
        }
        double[] target = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            target[i] = labels[i] ? high : low;
        }
        double a = 1;
        double b = 0;
        double loss = loss(z, target, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < z.length; i++) {
                double p = sigmoid(a * z[i] + b);
                double d = p - target[i];
                double w = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // Newton's step, halved until the loss falls: a plain Newton step can overshoot far from the optimum
            double step = 1;
            double next = loss(z, target, a - da, b - db);
            while (!(next < loss) && step > 1e-10) {
                step /= 2;
                next = loss(z, target, a - step * da, b - step * db);
            }
            if (!(next < loss)) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean converged = loss - next < 1e-12 * Math.max(1, Math.abs(loss));
            loss = next;
            if (converged) {
                break;
            }
        }
        return new Calibration(PLATT, a, b);
    }

    /** The log loss of sigmoid(a z + b) against the (smoothed) targets. */
    private static double loss(double[] z, double[] target, double a, double b) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double x = a * z[i] + b;
            // log(1 + e^x) - t x, computed without overflow
            sum += (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))) - target[i] * x;
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
     * Calibrated probabilities of the network's probabilities with {@code shifts} added to their log-odds first (the
     * leads' id effects): {@code sigmoid(slope * (logit(p) + shift) + intercept)}.
     */
    public float[] apply(float[] probabilities, double[] shifts) {
        if (shifts.length != probabilities.length) {
            throw new IllegalArgumentException(shifts.length + " shifts for " + probabilities.length + " probabilities");
        }
        float[] calibrated = new float[probabilities.length];
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] = (float) sigmoid(slope * (logit(probabilities[i]) + shifts[i]) + intercept);
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
