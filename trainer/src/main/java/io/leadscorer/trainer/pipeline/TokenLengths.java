package io.leadscorer.trainer.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.model.tokenizer.Encoded;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;

/**
 * How long the leads are in tokens before truncation ([CLS] and [SEP] included), and how many exceed the max
 * tokens and so lose the columns at the end of their text. Measured on the validation split, which looks like
 * the leads the scorer will see.
 */
@Serdeable
public record TokenLengths(
        @JsonProperty("leads") int leads,
        @JsonProperty("mean") double mean,
        @JsonProperty("p50") int p50,
        @JsonProperty("p95") int p95,
        @JsonProperty("p99") int p99,
        @JsonProperty("max") int max,
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("truncated") long truncated) {

    /** The statistics of untruncated encodings against a limit of {@code maxTokens}. */
    public static TokenLengths of(List<Encoded> untruncated, int maxTokens) {
        int[] lengths = untruncated.stream().mapToInt(Encoded::length).sorted().toArray();
        if (lengths.length == 0) {
            return new TokenLengths(0, 0, 0, 0, 0, 0, maxTokens, 0);
        }
        long over = Arrays.stream(lengths).filter(n -> n > maxTokens).count();
        return new TokenLengths(lengths.length, Arrays.stream(lengths).average().orElse(0), percentile(lengths, 0.50),
                percentile(lengths, 0.95), percentile(lengths, 0.99), lengths[lengths.length - 1], maxTokens, over);
    }

    private static int percentile(int[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
