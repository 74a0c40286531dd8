package io.leadscorer.sandbox;

import io.leadscorer.scorer.ScorerApplication;
import io.leadscorer.scorer.health.RunningScorer;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One scorer service (its own Micronaut context: Kafka Streams client, model, HTTP endpoints) started in this JVM
 * with the scorer's application.yml and the given properties on top; several instances with one application id
 * form one consumer group. Closing it drains its buffers and closes its streams, as the service's shutdown does. What
 * it reports comes from the scorer's {@link RunningScorer}, taken once at start: asking a closing context for a bean
 * could build a new one.
 */
public final class ScorerInstance implements AutoCloseable {

    private final String name;
    private final ServiceContext service;
    private final RunningScorer scorer;

    private ScorerInstance(String name, ServiceContext service) {
        this.name = name;
        this.service = service;
        this.scorer = service.bean(RunningScorer.class);
    }

    /** Starts the service; {@code properties} are scorer settings such as {@code scorer.kafka.bootstrap-servers}. */
    public static ScorerInstance start(String name, Map<String, Object> properties) {
        ServiceContext service = ServiceContext.start(ScorerApplication.class, ScorerConfiguration.applicationYml(),
                properties);
        try {
            return new ScorerInstance(name, service);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The model serving new batches on this instance, if any. */
    public Optional<String> activeModelId() {
        return service.running() ? scorer.activeModelId() : Optional.empty();
    }

    public Optional<KafkaStreams.State> streamsState() {
        return service.running() ? Optional.of(scorer.streamsState()) : Optional.empty();
    }

    /** The port of its HTTP endpoints (health, Prometheus). */
    public int httpPort() {
        return service.httpPort();
    }

    @Override
    public void close() {
        service.close();
    }
}
