package io.leadscorer.scorer.health;

import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The scorer the health indicators report on: the scorer service registers itself here when it starts, and the
 * indicators read this bean instead of injecting the service. Resolving an indicator can therefore never build a
 * service. That matters while the context closes: Micronaut destroys the beans one by one, and whatever resolves an
 * indicator after it (a probe still in flight, a health monitor's tick) gets a new one; had it injected the service,
 * that would build a second service, whose Kafka Streams client fails on the state directory the first still locks
 * and which nothing would ever close. Until a scorer registers (and in a holder rebuilt by a closing context) there
 * is none: the streams count as NOT_RUNNING and no model is active, so readiness and liveness are DOWN.
 */
@Singleton
@Bean(typed = RunningScorer.class)
public class RunningScorer implements ScorerState {

    private final AtomicReference<ScorerState> scorer = new AtomicReference<>();

    /** The scorer to report on from now on. */
    public void register(ScorerState running) {
        scorer.set(running);
    }

    @Override
    public KafkaStreams.State streamsState() {
        ScorerState running = scorer.get();
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.streamsState();
    }

    @Override
    public Optional<String> activeModelId() {
        ScorerState running = scorer.get();
        return running == null ? Optional.empty() : running.activeModelId();
    }
}
