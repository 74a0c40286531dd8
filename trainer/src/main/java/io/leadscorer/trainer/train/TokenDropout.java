package io.leadscorer.trainer.train;

import io.leadscorer.model.tokenizer.Encoded;
import java.util.Random;

/**
 * Word dropout for training batches: each token of a lead other than [CLS] and [SEP] is replaced by the mask
 * token with probability {@code rate}, afresh for every step. A lead's cells are mostly one token each, so
 * this hides random cells, which keeps the network from memorising rare company ids (it overfits them within
 * two epochs otherwise). The mask token is not the {@code column_nan} token, so real missingness stays a
 * signal of its own. Rate 0 returns the leads untouched.
 */
public record TokenDropout(double rate, long maskId) {

    public TokenDropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("token dropout must be in [0, 1): " + rate);
        }
        if (rate > 0 && maskId < 0) {
            throw new IllegalArgumentException("token dropout needs a [MASK] or [UNK] token in the vocabulary");
        }
    }

    public static TokenDropout off() {
        return new TokenDropout(0, -1);
    }

    public Encoded apply(Encoded lead, Random random) {
        if (rate == 0) {
            return lead;
        }
        long[] ids = lead.ids().clone();
        int last = lead.length() - 1;
        for (int i = 1; i < last; i++) {
            if (random.nextDouble() < rate) {
                ids[i] = maskId;
            }
        }
        return new Encoded(ids, lead.attentionMask());
    }
}
