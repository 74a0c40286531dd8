package io.leadscorer.monitor.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoringFailureReaderTest {

    private final MonitorMetrics metrics = new MonitorMetrics(new SimpleMeterRegistry());
    private final MockProcessorContext<String, ScoringFailure> context = new MockProcessorContext<>();
    private final ScoringFailureReader reader = new ScoringFailureReader("lead-scorer", metrics);

    @BeforeEach
    void init() {
        reader.init(context);
    }

    private static Headers letter(String model, String topic) {
        Headers headers = new RecordHeaders();
        if (model != null) {
            headers.add("dlq.model.id", model.getBytes(StandardCharsets.UTF_8));
        }
        headers.add("dlq.source.topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dlq.source.partition", "2".getBytes(StandardCharsets.UTF_8));
        headers.add("dlq.source.offset", "17".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void aDeadLetterNamingTheModelGoesOnKeyedByTheDeploymentWithItsInput() {
        reader.process(new Record<>(new byte[] {1}, new byte[] {2}, 1000, letter("m-2", "mql.events")));

        assertThat(context.forwarded()).hasSize(1);
        Record<? extends String, ? extends ScoringFailure> forwarded = context.forwarded().get(0).record();
        assertThat(forwarded.key()).isEqualTo("lead-scorer");
        assertThat(forwarded.value()).isEqualTo(new ScoringFailure("m-2", "mql.events-2@17"));
        assertThat(new ScoringFailureSerde().deserialize("t", new ScoringFailureSerde().serialize("t",
                forwarded.value()))).isEqualTo(forwarded.value());
        assertThat(metrics.count("scorer_dead_letter", "model_failure")).isEqualTo(1);
    }

    @Test
    void aDeadLetterWithoutTheModelOrWithOverlongHeadersCountsForNothing() {
        reader.process(new Record<>(new byte[] {1}, new byte[] {2}, 1000, letter(null, "mql.events")));
        reader.process(new Record<>(new byte[] {1}, new byte[] {2}, 1000, letter(" ", "mql.events")));
        reader.process(new Record<>(new byte[] {1}, new byte[] {2}, 1000, letter("m".repeat(70_000), "mql.events")));

        assertThat(context.forwarded()).isEmpty();
        assertThat(metrics.count("scorer_dead_letter", "no_model")).isEqualTo(2);
        assertThat(metrics.count("scorer_dead_letter", "unreadable")).isEqualTo(1);
    }
}
