package io.leadscorer.scorer.runtime;

import ai.djl.Device;
import io.leadscorer.model.predict.Devices;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.control.ControlLoop;
import io.leadscorer.scorer.control.ModelControl;
import io.leadscorer.scorer.control.ModelStatusPublisher;
import io.leadscorer.scorer.health.RunningScorer;
import io.leadscorer.scorer.metrics.ReadinessGauges;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.ReasonSettings;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the scorer's parts from {@link ScorerSettings}: the device (and PyTorch's thread counts), the active model generation and one predictor
 * per stream thread over it, the control loop that loads and swaps generations (and reports them on the status
 * topic), the buffer control and the meters.
 */
@Factory
public class ScorerFactory {

    /** The device; the engine starts here, so PyTorch's thread counts are applied first. */
    @Singleton
    Device device(ScorerSettings settings) {
        EngineThreads.apply(settings);
        return Devices.choose(settings.model().device());
    }

    @Singleton
    ScorerMetrics scorerMetrics(MeterRegistry registry) {
        return new ScorerMetrics(registry);
    }

    @Singleton
    BufferControl bufferControl(MeterRegistry registry, RunningScorer scorer, Clock clock) {
        BufferControl control = new BufferControl();
        Gauge.builder("leadscorer.buffer.leads", control, BufferControl::buffered)
                .description("Leads waiting in the micro-batch buffers of this instance").register(registry);
        ReadinessGauges.register(registry, scorer, control, clock);
        return control;
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ActiveGeneration activeGeneration(ScorerMetrics metrics, Clock clock) {
        ActiveGeneration active = new ActiveGeneration(clock);
        active.onActivated(generation -> metrics.modelActivated(generation.bundle().manifest()));
        return active;
    }

    @Singleton
    @Bean(preDestroy = "close")
    StreamThreadScorers streamThreadScorers(ActiveGeneration active, ReasonSettings reasons) {
        return new StreamThreadScorers(() -> new PredictorLeadScorer(active, reasons));
    }

    @Singleton
    @Bean(preDestroy = "close")
    ModelStatusPublisher modelStatusPublisher(ScorerSettings settings, Clock clock) {
        return ModelControl.statusPublisher(settings, clock);
    }

    @Singleton
    ControlLoop controlLoop(ScorerSettings settings, Device device, ActiveGeneration active,
                            ModelStatusPublisher status, ScorerMetrics metrics, Clock clock) {
        return ModelControl.loop(settings, device, active, status, metrics, clock);
    }
}
