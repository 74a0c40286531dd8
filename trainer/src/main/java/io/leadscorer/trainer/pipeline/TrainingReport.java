package io.leadscorer.trainer.pipeline;

import io.leadscorer.trainer.calibrate.CalibrationReport;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.trainer.effects.ValueEffectsReport;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.leadscorer.trainer.train.EpochRecord;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** Everything a training run measured, written to the bundle as metrics.json. */
@Serdeable
public record TrainingReport(
        @JsonProperty("model_id") String modelId,
        @JsonProperty("validation") BinaryMetrics validation,
        @JsonProperty("epochs") List<EpochRecord> epochs,
        @JsonProperty("kept_main_epoch") int keptMainEpoch,
        @JsonProperty("positive_stage_kept") boolean positiveStageKept,
        @JsonProperty("rows") Rows rows,
        @JsonProperty("validation_token_lengths") TokenLengths tokenLengths,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("parameters") long parameters,
        @JsonProperty("optimizer") String optimizer,
        @JsonProperty("dropped_columns") List<String> droppedColumns,
        @JsonProperty("column_importances") Map<String, Double> columnImportances,
        @JsonProperty("training_seconds") double trainingSeconds,
        @JsonProperty("calibration") CalibrationReport calibration,
        @JsonProperty("id_effects") ValueEffectsReport valueEffects) {

    /** Row counts through the pipeline. */
    @Serdeable
    public record Rows(
            @JsonProperty("read") long read,
            @JsonProperty("rejected") long rejected,
            @JsonProperty("training") long training,
            @JsonProperty("training_augmented") long trainingAugmented,
            @JsonProperty("validation") long validation,
            @JsonProperty("positive_stage") long positiveStage) {}
}
