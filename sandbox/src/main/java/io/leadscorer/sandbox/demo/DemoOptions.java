package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One demo run: how many leads ({@code Long.MAX_VALUE} with keep-running), at what rate, how many scorer instances,
 * the model store and whether to retrain, optionally an existing Kafka and registry instead of the embedded ones, and
 * the policy the demo's rollout commands carry.
 */
public record DemoOptions(long leads, double rate, int instances, Path store, boolean fresh, boolean keepRunning,
                          String bootstrap, String registry, TrainingProfile training, Path workDir,
                          RolloutPolicy rollouts) {

    /**
     * The demo's rollout policy: the defaults' metric, margin and confidence, with evidence and times sized to a
     * stream of a minute (200 labelled leads and 20 conversions before a decision, a shadow of at most 90 s, a guard
     * of 60 s).
     */
    public static RolloutPolicy demoPolicy() {
        return RolloutPolicy.newBuilder().setMetric(RolloutMetric.LOG_LOSS).setMinLabelled(200).setMinPositives(20)
                .setMargin(0.002).setConfidence(0.95).setMaxShadowMs(Duration.ofSeconds(90).toMillis())
                .setGuardMs(Duration.ofSeconds(60).toMillis()).setPsiAlarm(0.25).build();
    }

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
