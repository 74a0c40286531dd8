package io.leadscorer.trainer.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/**
 * The two baselines of `trainer baselines`: one-hot logistic regression (Tribuo, AdaGrad SGD) and
 * gradient-boosted trees (XGBoost4J) with early stopping on the validation split.
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
        @Positive int treeEarlyStopping) {}
