package io.leadscorer.scorer.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Ready to score: the streams are RUNNING (not starting, rebalancing, restoring or failed) and a model bundle is
 * loaded. Part of {@code /health} and {@code /health/readiness}, so both are DOWN otherwise. Reads the
 * {@link RunningScorer}, never the service itself (see there why).
 */
@Singleton
@Readiness
public class ScorerReadinessIndicator implements HealthIndicator {

    private final RunningScorer scorer;

    public ScorerReadinessIndicator(RunningScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = scorer.streamsState();
        Optional<String> model = scorer.activeModelId();
        boolean ready = state == KafkaStreams.State.RUNNING && model.isPresent();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streams", state.name());
        details.put("model", model.orElse("none"));
        return Publishers.just(HealthResult.builder("scorer", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
