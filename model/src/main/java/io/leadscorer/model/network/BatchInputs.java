package io.leadscorer.model.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.leadscorer.model.tokenizer.Encoded;
import java.util.List;

/**
 * A batch of tokenized leads as the network's input, padded to the longest lead of this batch (not to max
 * tokens: a batch of short leads costs only what it needs). Padding is id 0 with mask 0, so the network never
 * attends to it and a lead scores the same alone or beside longer ones.
 */
public final class BatchInputs {

    private BatchInputs() {}

    /** NDList(ids [B, T] int64, attentionMask [B, T] int64) on the manager's device. */
    public static NDList of(NDManager manager, List<Encoded> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one lead");
        }
        int tokens = batch.stream().mapToInt(Encoded::length).max().orElseThrow();
        if (tokens == 0) {
            throw new IllegalArgumentException("every lead in the batch has zero tokens");
        }
        long[] ids = new long[batch.size() * tokens]; // zero-filled: the padding
        long[] mask = new long[batch.size() * tokens];
        for (int row = 0; row < batch.size(); row++) {
            Encoded lead = batch.get(row);
            int offset = row * tokens;
            System.arraycopy(lead.ids(), 0, ids, offset, lead.length());
            System.arraycopy(lead.attentionMask(), 0, mask, offset, lead.length());
        }
        Shape shape = new Shape(batch.size(), tokens);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape));
    }
}
