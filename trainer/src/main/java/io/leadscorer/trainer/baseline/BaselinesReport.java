package io.leadscorer.trainer.baseline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What `trainer baselines` prints: the split sizes and each baseline's result ({@code valueEffects}: null when the
 * settings have no value effect columns).
 */
@Serdeable
public record BaselinesReport(
        @JsonProperty("training_rows") long trainingRows,
        @JsonProperty("validation_rows") long validationRows,
        @JsonProperty("test_rows") long testRows,
        @JsonProperty("logistic_regression") BaselineResult logisticRegression,
        @JsonProperty("boosted_trees") BaselineResult boostedTrees,
        @JsonProperty("target_encoded_trees") BaselineResult targetEncodedTrees,
        @JsonProperty("value_effects") BaselineResult valueEffects) {}
