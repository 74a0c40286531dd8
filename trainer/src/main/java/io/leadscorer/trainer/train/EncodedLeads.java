package io.leadscorer.trainer.train;

import io.leadscorer.model.tokenizer.Encoded;

import java.util.ArrayList;
import java.util.List;

/** Tokenized leads with their labels, in a fixed order, ready to be cut into mini-batches. */
public record EncodedLeads(List<Encoded> encoded, boolean[] labels) {

    public EncodedLeads {
        if (encoded.size() != labels.length) {
            throw new IllegalArgumentException(encoded.size() + " leads but " + labels.length + " labels");
        }
        encoded = List.copyOf(encoded);
        labels = labels.clone();
    }

    public int size() {
        return labels.length;
    }

    public EncodedLeads select(int[] indices) {
        List<Encoded> selected = new ArrayList<>(indices.length);
        boolean[] selectedLabels = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selected.add(encoded.get(indices[i]));
            selectedLabels[i] = labels[indices[i]];
        }
        return new EncodedLeads(selected, selectedLabels);
    }
}
