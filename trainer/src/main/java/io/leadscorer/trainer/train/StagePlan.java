package io.leadscorer.trainer.train;

import io.leadscorer.trainer.config.TrainingSettings.Decay;
import io.leadscorer.trainer.config.TrainingSettings.OptimizerKind;

/**
 * One training stage: its name, epochs, optimiser and schedule, and early-stopping patience on validation
 * loss (0 = train every epoch and keep the last weights).
 */
public record StagePlan(
        String name,
        int epochs,
        int batchSize,
        OptimizerKind optimizer,
        double rho,
        double asamEta,
        double learningRate,
        double weightDecay,
        double warmupFraction,
        Decay decay,
        double clipNorm,
        int patience,
        double tokenDropout) {}
