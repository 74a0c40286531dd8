package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.scorer.batch.BufferControl.HoldCause;
import io.leadscorer.scorer.health.ScorerState;
import io.leadscorer.scorer.metrics.ReadinessGauges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The readiness meters follow the streams, the model and the holds (in this package to set holds as a task does). */
class ReadinessGaugesTest {

    private final BufferControl buffers = new BufferControl();
    private final AtomicReference<KafkaStreams.State> streams = new AtomicReference<>(KafkaStreams.State.REBALANCING);
    private final AtomicReference<String> model = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ReadinessGaugesTest() {
        ScorerState scorer = new ScorerState() {
            @Override
            public KafkaStreams.State streamsState() {
                return streams.get();
            }

            @Override
            public Optional<String> activeModelId() {
                return Optional.ofNullable(model.get());
            }
        };
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ReadinessGauges.register(registry, scorer, buffers, clock);
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void readyOnlyWithRunningStreamsAModelAndNoHold() {
        assertThat(gauge("leadscorer.ready")).isZero();
        streams.set(KafkaStreams.State.RUNNING);
        assertThat(gauge("leadscorer.ready")).as("no model yet").isZero();
        model.set("model-a");
        assertThat(gauge("leadscorer.ready")).isEqualTo(1);

        buffers.failed("0_1", HoldCause.MODEL_UNAVAILABLE, "engine failure", now.get());
        assertThat(gauge("leadscorer.ready")).isZero();
        buffers.recovered("0_1");
        assertThat(gauge("leadscorer.ready")).isEqualTo(1);
    }

    @Test
    void heldSecondsCountFromTheOldestHoldOfEachCause() {
        for (HoldCause cause : HoldCause.values()) {
            assertThat(gauge("leadscorer.buffer.held", "cause", cause.name())).isZero();
        }
        Instant start = now.get();
        buffers.failed("0_0", HoldCause.REGISTRY_UNAVAILABLE, "unreachable", start);
        buffers.failed("0_1", HoldCause.REGISTRY_UNAVAILABLE, "unreachable", start.plusSeconds(30));
        buffers.failed("0_0", HoldCause.REGISTRY_UNAVAILABLE, "unreachable", start.plusSeconds(60));
        now.set(start.plusSeconds(90));
        assertThat(gauge("leadscorer.buffer.held", "cause", "REGISTRY_UNAVAILABLE")).isEqualTo(90.0);
        assertThat(gauge("leadscorer.buffer.held", "cause", "MODEL_UNAVAILABLE")).isZero();

        buffers.recovered("0_0");
        assertThat(gauge("leadscorer.buffer.held", "cause", "REGISTRY_UNAVAILABLE")).isEqualTo(60.0);
        buffers.recovered("0_1");
        assertThat(gauge("leadscorer.buffer.held", "cause", "REGISTRY_UNAVAILABLE")).isZero();
    }

    @Test
    void inputPausedFollowsTheGate() {
        assertThat(gauge("leadscorer.input.paused")).isZero();
        buffers.inputPaused(true);
        assertThat(gauge("leadscorer.input.paused")).isEqualTo(1);
        buffers.inputPaused(false);
        assertThat(gauge("leadscorer.input.paused")).isZero();
    }
}
