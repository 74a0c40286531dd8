package io.leadscorer.trainer.baseline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.micronaut.serde.annotation.Serdeable;

/** One baseline: its validation F1 at its own best threshold, and the test metrics at that threshold. */
@Serdeable
public record BaselineResult(
        @JsonProperty("name") String name,
        @JsonProperty("validation_f1") double validationF1,
        @JsonProperty("test") BinaryMetrics test,
        @JsonProperty("seconds") double seconds) {}
