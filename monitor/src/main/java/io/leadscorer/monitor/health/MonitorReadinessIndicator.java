package io.leadscorer.monitor.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** Ready while the monitor's streams are RUNNING (not starting, rebalancing, restoring or failed). */
@Singleton
@Readiness
public class MonitorReadinessIndicator implements HealthIndicator {

    private final RunningMonitor monitor;

    public MonitorReadinessIndicator(RunningMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = monitor.streamsState();
        return Publishers.just(HealthResult
                .builder("monitor", state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("streams", state.name())).build());
    }
}
