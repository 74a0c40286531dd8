package io.leadscorer.model.tokenizer;

import java.util.Arrays;
import java.util.Objects;

/** One tokenized lead: token ids ([CLS] ... [SEP], at most max tokens) and the attention mask of the same length. */
public record Encoded(long[] ids, long[] attentionMask) {
    public Encoded {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(attentionMask, "attentionMask");
        if (ids.length != attentionMask.length) {
            throw new IllegalArgumentException(
                    "ids and attention mask differ in length: " + ids.length + " vs " + attentionMask.length);
        }
    }

    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Encoded that
                && Arrays.equals(ids, that.ids)
                && Arrays.equals(attentionMask, that.attentionMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(attentionMask);
    }

    @Override
    public String toString() {
        return "Encoded" + Arrays.toString(ids);
    }
}
