package io.leadscorer.scorer.runtime;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.Devices;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveBundle;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the scorer's parts from {@link ScorerSettings}: the device, the initial bundle (opened, verified and warmed
 * up before anything is consumed, so a broken bundle stops the service at startup), one predictor per stream thread,
 * the buffer control and the meters.
 */
@Factory
public class ScorerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ScorerFactory.class);

    @Singleton
    Device device(ScorerSettings settings) {
        return Devices.choose(settings.model().device());
    }

    @Singleton
    ScorerMetrics scorerMetrics(MeterRegistry registry) {
        return new ScorerMetrics(registry);
    }

    @Singleton
    BufferControl bufferControl(MeterRegistry registry) {
        BufferControl control = new BufferControl();
        Gauge.builder("leadscorer.buffer.leads", control, BufferControl::buffered)
                .description("Leads waiting in the micro-batch buffers of this instance").register(registry);
        return control;
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ActiveBundle activeBundle(ScorerSettings settings, Device device, ScorerMetrics metrics) {
        Bundle bundle = Bundle.open(Path.of(settings.model().initialBundle()));
        long start = System.nanoTime();
        try (LeadPredictor predictor = LeadPredictor.open(bundle, device)) {
            predictor.predict(List.of(warmUpLead()));
        }
        LOG.info("Model {} loaded from {} on {} (threshold {}), warm-up forward pass {} ms", bundle.modelId(),
                bundle.dir(), device, bundle.manifest().threshold(), (System.nanoTime() - start) / 1_000_000);
        return new ActiveBundle(bundle, active -> metrics.modelActivated(active.modelId()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    StreamThreadScorers streamThreadScorers(ActiveBundle activeBundle, Device device) {
        return new StreamThreadScorers(() -> new PredictorLeadScorer(activeBundle, device));
    }

    private static MqlEvent warmUpLead() {
        return MqlEvent.newBuilder().setLeadId("warm-up").setEventTime(Instant.EPOCH).build();
    }
}
