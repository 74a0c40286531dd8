package io.leadscorer.scorer.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Alive unless the streams have failed or stopped: starting, a rebalance or a restore is not a reason to restart the
 * service, a dead stream client is ({@code /health/liveness}). Reads the {@link RunningScorer}, never the service
 * itself (see there why).
 */
@Singleton
@Liveness
public class ScorerLivenessIndicator implements HealthIndicator {

    private static final Set<KafkaStreams.State> DEAD = Set.of(KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);

    private final RunningScorer scorer;

    public ScorerLivenessIndicator(RunningScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = scorer.streamsState();
        return Publishers.just(HealthResult.builder("scorer-streams", DEAD.contains(state) ? HealthStatus.DOWN : HealthStatus.UP)
                .details(Map.of("streams", state.name())).build());
    }
}
