package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.evaluate.BinaryMetrics;

/** The published bundle and its validation metrics. */
public record TrainingResult(Bundle bundle, BinaryMetrics validation, TrainingReport report) {}
