package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.scorer.batch.BufferControl.HoldCause;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class BufferHoldIndicatorTest {

    private final BufferControl buffers = new BufferControl();

    private HealthResult result() {
        AtomicReference<HealthResult> result = new AtomicReference<>();
        new BufferHoldIndicator(buffers).getResult().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult next) {
                result.set(next);
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError(error);
            }

            @Override
            public void onComplete() {
            }
        });
        return result.get();
    }

    @Test
    void downWithTheCauseWhileATaskHoldsItsLeadsAndUpAgainWhenItScores() {
        assertThat(result().getStatus()).isEqualTo(HealthStatus.UP);

        buffers.failed("0_1", HoldCause.REGISTRY_UNAVAILABLE, "Schema registry unreachable", Instant.EPOCH);
        buffers.failed("0_1", HoldCause.REGISTRY_UNAVAILABLE, "Schema registry unreachable", Instant.EPOCH.plusSeconds(1));
        HealthResult down = result();
        assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) down.getDetails();
        assertThat(details).containsEntry("task 0_1", Map.of("cause", "REGISTRY_UNAVAILABLE",
                "since", "1970-01-01T00:00:00Z", "failures", 2, "lastFailure", "Schema registry unreachable",
                "action", HoldCause.REGISTRY_UNAVAILABLE.action()));

        buffers.recovered("0_1");
        assertThat(result().getStatus()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aRefusedScoresSchemaIsDownWithTheRegistrysMessageAndWhatToDo() {
        buffers.failed("0_0", HoldCause.OUTPUT_SCHEMA_REJECTED, "Schema registry refused registering "
                + "io.leadscorer.avro.ScoredLead under subject mql.scores-value: answered HTTP 409 (error_code 409): "
                + "Schema being registered is incompatible with an earlier schema", Instant.EPOCH);

        HealthResult down = result();
        assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) ((Map<String, Object>) down.getDetails()).get("task 0_0");
        assertThat(task).containsEntry("cause", "OUTPUT_SCHEMA_REJECTED");
        assertThat((String) task.get("lastFailure")).contains("mql.scores-value").contains("incompatible");
        assertThat((String) task.get("action")).contains("compatibility");
    }
}
