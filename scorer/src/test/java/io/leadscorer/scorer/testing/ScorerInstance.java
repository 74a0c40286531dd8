package io.leadscorer.scorer.testing;

import ai.djl.Device;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.control.ModelControl;
import io.leadscorer.scorer.control.ModelStatusPublisher;
import io.leadscorer.scorer.decode.RecordLimits;
import io.leadscorer.scorer.health.RunningScorer;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.runtime.ScorerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One whole scorer instance without the HTTP server: the service wired as the Micronaut factory wires it (the same
 * {@link ModelControl} functions), so tests can run several instances of one deployment in a JVM and stop them.
 */
public final class ScorerInstance implements AutoCloseable {

    public final ScorerSettings settings;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final ActiveGeneration active = new ActiveGeneration();
    private final StreamThreadScorers scorers;
    private final ModelStatusPublisher status;
    public final ScorerService service;

    private ScorerInstance(ScorerSettings settings) {
        this.settings = settings;
        ScorerMetrics metrics = new ScorerMetrics(registry);
        active.onActivated(generation -> metrics.modelActivated(generation.bundle().manifest()));
        scorers = new StreamThreadScorers(() -> new PredictorLeadScorer(active));
        status = ModelControl.statusPublisher(settings, Clock.systemUTC());
        service = new ScorerService(settings, scorers, metrics, new BufferControl(), Clock.systemUTC(), active,
                ModelControl.loop(settings, Device.cpu(), active, status, metrics,
                        Clock.systemUTC()), Device.cpu(), registry,
                RecordLimits.DEFAULTS, new RunningScorer());
    }

    public static ScorerInstance start(ScorerSettings settings) {
        ScorerInstance instance = new ScorerInstance(settings);
        instance.service.start();
        return instance;
    }

    public Optional<String> modelId() {
        return active.current().map(Generation::modelId);
    }

    /** Waits until the streams run and a model is active (what readiness reports). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(service.streamsState() == KafkaStreams.State.RUNNING && modelId().isPresent())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(settings.effectiveInstanceId() + " not ready within " + timeout + ": streams "
                        + service.streamsState() + ", model " + modelId().orElse("none"));
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code modelId} is the active model. */
    public void awaitModel(String modelId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!modelId.equals(modelId().orElse(null))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(settings.effectiveInstanceId() + " serves " + modelId().orElse("none")
                        + ", not " + modelId + ", after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            scorers.close();
            status.close();
        }
    }
}
