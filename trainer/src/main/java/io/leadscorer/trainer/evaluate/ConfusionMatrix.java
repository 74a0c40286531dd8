package io.leadscorer.trainer.evaluate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** Counts of a binary decision against the truth, positive class = converted. */
@Serdeable
public record ConfusionMatrix(
        @JsonProperty("true_positives") long truePositives,
        @JsonProperty("false_positives") long falsePositives,
        @JsonProperty("true_negatives") long trueNegatives,
        @JsonProperty("false_negatives") long falseNegatives) {

    public double precision() {
        long predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    public double recall() {
        long actual = truePositives + falseNegatives;
        return actual == 0 ? 0 : (double) truePositives / actual;
    }

    public double f1() {
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }
}
