package io.leadscorer.trainer.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One finished epoch: mean training loss (on augmented data), validation loss and best-threshold F1,
 * time and throughput. {@code stage} is "main" or "positive" (the second, True-focused stage).
 */
@Serdeable
public record EpochRecord(
        @JsonProperty("stage") String stage,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("training_loss") double trainingLoss,
        @JsonProperty("validation_loss") double validationLoss,
        @JsonProperty("validation_f1") double validationF1,
        @JsonProperty("validation_threshold") double validationThreshold,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("rows_per_second") double rowsPerSecond) {}
