package io.leadscorer.scorer.metrics;

import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.batch.BufferControl.HoldCause;
import io.leadscorer.scorer.health.ScorerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /health/readiness} says, as meters for alerting ({@code /prometheus}): {@code leadscorer.ready} is 1
 * while the instance would answer UP (streams RUNNING, a model active, no task holding its leads), 0 otherwise;
 * {@code leadscorer.buffer.held.seconds} by cause is how long the oldest hold of that cause has lasted (0 with none);
 * {@code leadscorer.input.paused} is 1 while the input is paused.
 */
public final class ReadinessGauges {

    private ReadinessGauges() {
    }

    public static void register(MeterRegistry registry, ScorerState scorer, BufferControl buffers, Clock clock) {
        Gauge.builder("leadscorer.ready", () -> ready(scorer, buffers) ? 1 : 0)
                .description("1 while this instance is ready to score (streams RUNNING, a model active, no leads held)")
                .register(registry);
        for (HoldCause cause : HoldCause.values()) {
            Gauge.builder("leadscorer.buffer.held", () -> heldSeconds(buffers, cause, clock.instant()))
                    .description("How long the oldest task holding its leads for this cause has held them; 0 when none does")
                    .baseUnit("seconds").tag("cause", cause.name()).register(registry);
        }
        Gauge.builder("leadscorer.input.paused", () -> buffers.inputPaused() ? 1 : 0)
                .description("1 while the input is paused because tasks kept failing to score").register(registry);
    }

    static boolean ready(ScorerState scorer, BufferControl buffers) {
        return scorer.streamsState() == KafkaStreams.State.RUNNING && scorer.activeModelId().isPresent()
                && buffers.holds().isEmpty();
    }

    static double heldSeconds(BufferControl buffers, HoldCause cause, Instant now) {
        return buffers.holds().values().stream().filter(hold -> hold.cause() == cause)
                .map(hold -> Duration.between(hold.since(), now)).max(Duration::compareTo)
                .map(held -> Math.max(0, held.toMillis()) / 1000.0).orElse(0.0);
    }
}
