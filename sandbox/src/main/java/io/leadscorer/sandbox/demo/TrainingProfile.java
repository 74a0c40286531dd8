package io.leadscorer.sandbox.demo;

import java.util.List;

/**
 * How the demo trains its models: simulated leads per model and the trainer flags. {@link #demo()} is sized for the
 * first run's 5-minute budget on 2 cores (BENCHMARKS.md, "Demo"); {@link #tiny()} for the test suite.
 */
public record TrainingProfile(String name, long rows, List<String> flags) {

    /** A compact network (hidden 64, 2 layers) under AdamW: two models in about a minute each on 2 cores. */
    public static TrainingProfile demo() {
        return new TrainingProfile("demo", 12_000, List.of(
                "--hidden-size", "64", "--layers", "2", "--heads", "4", "--intermediate-size", "128",
                "--optimizer", "adamw", "--epochs", "3", "--batch-size", "64", "--learning-rate", "0.002",
                "--set", "trainer.prune.trees=20", "--set", "trainer.prune.max-rows=6000",
                "--set", "trainer.text.vocab-size=8000", "--set", "trainer.text.min-frequency=3"));
    }

    /** Seconds, and a model that has learnt little: for tests of the plumbing. */
    public static TrainingProfile tiny() {
        return new TrainingProfile("tiny", 800, List.of(
                "--hidden-size", "16", "--layers", "1", "--heads", "2", "--intermediate-size", "32",
                "--optimizer", "adamw", "--epochs", "1", "--batch-size", "64", "--learning-rate", "0.01",
                "--prune-columns", "0", "--positive-stage-epochs", "0",
                "--set", "trainer.text.vocab-size=3000", "--set", "trainer.text.min-frequency=2"));
    }
}
