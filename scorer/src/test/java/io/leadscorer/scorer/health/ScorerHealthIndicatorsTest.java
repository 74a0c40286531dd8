package io.leadscorer.scorer.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Readiness needs RUNNING streams and a loaded model; liveness only fails for a stopped or failed stream client, or
 * while no scorer has registered.
 */
class ScorerHealthIndicatorsTest {

    /** A registered scorer in this state. */
    private static RunningScorer state(KafkaStreams.State streams, String modelId) {
        RunningScorer running = new RunningScorer();
        running.register(new ScorerState() {
            @Override
            public KafkaStreams.State streamsState() {
                return streams;
            }

            @Override
            public Optional<String> activeModelId() {
                return Optional.ofNullable(modelId);
            }
        });
        return running;
    }

    /** The indicator's result (its publisher emits at once, on the subscribing thread). */
    private static HealthResult result(HealthIndicator indicator) {
        AtomicReference<HealthResult> result = new AtomicReference<>();
        indicator.getResult().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult next) {
                result.set(next);
            }

            @Override
            public void onError(Throwable failure) {
                throw new AssertionError(failure);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(result.get()).as("health result").isNotNull();
        return result.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthIndicator indicator) {
        return (Map<String, Object>) result(indicator).getDetails();
    }

    @Test
    void isReadyOnlyWhenTheStreamsAreRunningAndAModelIsLoaded() {
        for (KafkaStreams.State streams : KafkaStreams.State.values()) {
            HealthResult withModel = result(new ScorerReadinessIndicator(state(streams, "m-1")));
            assertThat(withModel.getStatus()).as("readiness in %s", streams)
                    .isEqualTo(streams == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN);
            assertThat(result(new ScorerReadinessIndicator(state(streams, null))).getStatus())
                    .as("readiness in %s without a model", streams).isEqualTo(HealthStatus.DOWN);
        }
        assertThat(details(new ScorerReadinessIndicator(state(KafkaStreams.State.RUNNING, "m-1"))))
                .containsEntry("streams", "RUNNING").containsEntry("model", "m-1");
        assertThat(details(new ScorerReadinessIndicator(state(KafkaStreams.State.RUNNING, null))))
                .containsEntry("model", "none");
    }

    @Test
    void isNeitherReadyNorAliveBeforeAScorerRegisters() {
        RunningScorer none = new RunningScorer();
        assertThat(result(new ScorerReadinessIndicator(none)).getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(new ScorerReadinessIndicator(none)))
                .containsEntry("streams", "NOT_RUNNING").containsEntry("model", "none");
        assertThat(result(new ScorerLivenessIndicator(none)).getStatus()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void isAliveWhileStartingRebalancingOrRunningButNotOnceStoppedOrFailed() {
        Set<KafkaStreams.State> alive = EnumSet.of(KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING,
                KafkaStreams.State.RUNNING);
        for (KafkaStreams.State streams : KafkaStreams.State.values()) {
            assertThat(result(new ScorerLivenessIndicator(state(streams, null))).getStatus()).as("liveness in %s", streams)
                    .isEqualTo(alive.contains(streams) ? HealthStatus.UP : HealthStatus.DOWN);
        }
    }
}
