package io.leadscorer.trainer.config;

import io.leadscorer.model.effects.ValueEffects;
import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import java.util.List;

/**
 * The baselines of `trainer baselines`: one-hot logistic regression (Tribuo, AdaGrad SGD) and
 * gradient-boosted trees (XGBoost4J) with early stopping on the validation split, plain and with
 * out-of-fold target encoding and counts of the id columns named in {@code target-encoded-columns} (crosses of lead
 * columns allowed, as in the trainer's value effects).
 */
@ConfigurationProperties("trainer.baselines")
public record BaselineSettings(
        @Positive int minCategoryCount,
        @Positive int numberBins,
        @Positive int logisticEpochs,
        @Positive int treeRounds,
        @Positive int treeMaxDepth,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double treeLearningRate,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double treeSubsample,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double treeColumnSample,
        @Positive int treeEarlyStopping,
        List<String> targetEncodedColumns,
        @Min(2) int targetEncodingFolds,
        @DecimalMin("0") double targetEncodingSmoothing) {

    public BaselineSettings {
        targetEncodedColumns = targetEncodedColumns == null ? List.of() : List.copyOf(targetEncodedColumns);
        targetEncodedColumns.forEach(ValueEffects::parts);
    }
}
