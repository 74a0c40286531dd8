package io.leadscorer.scorer.batch;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.reactivestreams.Publisher;

/**
 * Not ready while some task holds its leads because the registry or the model is unavailable or the registry refuses
 * the scores' schema: DOWN with the cause, the last failure, since when, how many attempts failed and what to do, per
 * task, and whether input is paused
 * ({@code /health/readiness} and {@code /health}). It goes UP again by itself when the tasks score again.
 */
@Singleton
@Readiness
public class BufferHoldIndicator implements HealthIndicator {

    private final BufferControl buffers;

    public BufferHoldIndicator(BufferControl buffers) {
        this.buffers = buffers;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, BufferControl.Hold> holds = new TreeMap<>(buffers.holds());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("buffered", buffers.buffered());
        details.put("inputPaused", buffers.inputPaused());
        holds.forEach((task, hold) -> details.put("task " + task, Map.of(
                "cause", hold.cause().name(),
                "since", hold.since().toString(),
                "failures", hold.failures(),
                "lastFailure", hold.message(),
                "action", hold.cause().action())));
        return Publishers.just(HealthResult.builder("scorer-buffers", holds.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
