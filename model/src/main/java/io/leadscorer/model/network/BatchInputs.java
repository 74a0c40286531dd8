package io.leadscorer.model.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.leadscorer.model.tokenizer.Encoded;
import java.util.List;

/**
 * A batch of tokenized leads as the network's input, padded to the longest lead of this batch (not to max
 * tokens: a batch of short leads costs only what it needs) or to a fixed shape. Padding is id 0 with mask 0, so the
 * network never attends to it and a lead scores the same alone, beside longer ones or beside empty padding rows.
 */
public final class BatchInputs {

    private BatchInputs() {}

    /** NDList(ids [B, T] int64, attentionMask [B, T] int64) on the manager's device. */
    public static NDList of(NDManager manager, List<Encoded> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one lead");
        }
        return padded(manager, batch, batch.size(), longest(batch));
    }

    /**
     * NDList(ids [rows, tokens] int64, attentionMask [rows, tokens] int64): the leads in the first rows, padding in
     * the rest (ids 0, mask 0) and after each lead.
     */
    public static NDList padded(NDManager manager, List<Encoded> batch, int rows, int tokens) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one lead");
        }
        int longest = longest(batch);
        if (longest == 0) {
            throw new IllegalArgumentException("every lead in the batch has zero tokens");
        }
        if (rows < batch.size() || tokens < longest) {
            throw new IllegalArgumentException("a batch of " + batch.size() + " leads of up to " + longest
                    + " tokens does not fit [" + rows + ", " + tokens + "]");
        }
        long[] ids = new long[rows * tokens]; // zero-filled: the padding
        long[] mask = new long[rows * tokens];
        for (int row = 0; row < batch.size(); row++) {
            Encoded lead = batch.get(row);
            int offset = row * tokens;
            System.arraycopy(lead.ids(), 0, ids, offset, lead.length());
            System.arraycopy(lead.attentionMask(), 0, mask, offset, lead.length());
        }
        Shape shape = new Shape(rows, tokens);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape));
    }

    private static int longest(List<Encoded> batch) {
        return batch.stream().mapToInt(Encoded::length).max().orElseThrow();
    }
}
