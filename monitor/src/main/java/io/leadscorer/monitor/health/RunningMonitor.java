package io.leadscorer.monitor.health;

import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The monitor the readiness indicator reports on: the monitor service registers its streams' state here when it
 * starts, and the indicator reads this bean instead of injecting the service, so resolving an indicator while the
 * context closes can never build a second service (whose streams would fail on the state directory the first still
 * locks). Until one registers, the streams count as NOT_RUNNING.
 */
@Singleton
@Bean(typed = RunningMonitor.class)
public class RunningMonitor {

    private final AtomicReference<Supplier<KafkaStreams.State>> state = new AtomicReference<>();

    public void register(Supplier<KafkaStreams.State> running) {
        state.set(running);
    }

    public KafkaStreams.State streamsState() {
        Supplier<KafkaStreams.State> running = state.get();
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.get();
    }
}
