package io.leadscorer.model.reference;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the served (calibrated) probabilities of the validation leads were distributed: their deciles, so that a
 * live monitor can compare the scores it sees with what the model gave on leads it was not trained on.
 *
 * @param edges  the cut points between the bins (at most 9, strictly increasing); a bin holds the probabilities
 *               from its lower edge (included) to its upper edge (excluded)
 * @param shares the validation leads' share in each bin, one more than there are edges
 */
public record ScoreReference(@JsonProperty("edges") double[] edges, @JsonProperty("shares") double[] shares) {
    /** Bins the probabilities are cut into: deciles. */
    public static final int BINS = 10;

    public ScoreReference {
        edges = Objects.requireNonNull(edges, "score edges").clone();
        shares = Objects.requireNonNull(shares, "score shares").clone();
        QuantileEdges.requireValid(edges, "score");
        Shares.requireValid(shares, edges.length + 1, "score");
    }

    /** The deciles of the probabilities and their shares. */
    static ScoreReference fit(double[] probabilities) {
        double[] sorted = probabilities.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (!Double.isFinite(sorted[i])) {
                throw new IllegalArgumentException("validation probability " + i + " is " + sorted[i]);
            }
        }
        Arrays.sort(sorted);
        double[] edges = QuantileEdges.of(sorted, BINS);
        long[] counts = new long[edges.length + 1];
        for (double probability : sorted) {
            counts[QuantileEdges.bin(edges, probability)]++;
        }
        return new ScoreReference(edges, Shares.of(counts, sorted.length));
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** The validation leads' share in each bin, in bin order: the expected shares of {@link Psi#of}. */
    @Override
    public double[] shares() {
        return shares.clone();
    }

    public int bins() {
        return shares.length;
    }

    /** The bin of a served probability; IllegalArgumentException for NaN. */
    public int bin(double probability) {
        if (Double.isNaN(probability)) {
            throw new IllegalArgumentException("a probability of NaN has no bin");
        }
        return QuantileEdges.bin(edges, probability);
    }

    public double share(int bin) {
        return shares[bin];
    }

    /** The interval of a bin for people ({@code [0.12, 0.2)}). */
    public String label(int bin) {
        if (bin < 0 || bin >= bins()) {
            throw new IndexOutOfBoundsException("the score has bins 0 to " + (bins() - 1) + ", not " + bin);
        }
        return QuantileEdges.label(edges, bin);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoreReference that && Arrays.equals(edges, that.edges) && Arrays.equals(shares, that.shares);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(shares);
    }

    @Override
    public String toString() {
        return "ScoreReference[edges=" + Arrays.toString(edges) + ", shares=" + Arrays.toString(shares) + "]";
    }
}
