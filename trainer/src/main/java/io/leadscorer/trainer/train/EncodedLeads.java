package io.leadscorer.trainer.train;

import io.leadscorer.model.tokenizer.Encoded;

import java.util.List;

/**
 * Tokenized leads with their labels, in a fixed order, ready to be cut into mini-batches; {@code offsets}, when
 * present, are fixed log-odds that the network's logit is added to in training and validation, so that the network
 * learns what they leave (null: none).
 */
public record EncodedLeads(List<Encoded> encoded, boolean[] labels, float[] offsets) {

    public EncodedLeads {
        if (encoded.size() != labels.length) {
            throw new IllegalArgumentException(encoded.size() + " leads but " + labels.length + " labels");
        }
        if (offsets != null && offsets.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " leads but " + offsets.length + " offsets");
        }
        encoded = List.copyOf(encoded);
        labels = labels.clone();
        offsets = offsets == null ? null : offsets.clone();
    }

    public EncodedLeads(List<Encoded> encoded, boolean[] labels) {
        this(encoded, labels, null);
    }

    public int size() {
        return labels.length;
    }

    public boolean hasOffsets() {
        return offsets != null;
    }

    /** The same leads with these offsets on the log-odds, one per lead. */
    public EncodedLeads withOffsets(double[] logOdds) {
        float[] fixed = new float[logOdds.length];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = (float) logOdds[i];
        }
        return new EncodedLeads(encoded, labels, fixed);
    }
}
