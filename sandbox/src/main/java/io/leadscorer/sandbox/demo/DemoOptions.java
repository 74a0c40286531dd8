package io.leadscorer.sandbox.demo;

import java.nio.file.Path;

/**
 * One demo run: how many leads ({@code Long.MAX_VALUE} with keep-running), at what rate, how many scorer instances,
 * the model store and whether to retrain, and optionally an existing Kafka and registry instead of the embedded ones.
 */
public record DemoOptions(long leads, double rate, int instances, Path store, boolean fresh, boolean keepRunning,
                          String bootstrap, String registry, TrainingProfile training, Path workDir) {

    public DemoOptions {
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be at least 1");
        }
        if (!keepRunning && leads < 1) {
            throw new IllegalArgumentException("--leads must be at least 1");
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
    }
}
