package io.leadscorer.sandbox;

import io.leadscorer.scorer.ScorerApplication;
import io.leadscorer.scorer.health.ScorerState;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One scorer service (its own Micronaut context: Kafka Streams client, model, HTTP endpoints) started in this JVM
 * with the scorer's application.yml and the given properties on top; several instances with one application id
 * form one consumer group. Closing it drains its buffers and closes its streams, as the service's shutdown does.
 */
public final class ScorerInstance implements AutoCloseable {

    private final String name;
    private final ApplicationContext context;

    private ScorerInstance(String name, ApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /** Starts the service; {@code properties} are scorer settings such as {@code scorer.kafka.bootstrap-servers}. */
    public static ScorerInstance start(String name, Map<String, Object> properties) {
        // a plain context (no shutdown hook of its own: the sandbox decides the order things stop in), then its server
        ApplicationContext context = ApplicationContext.builder(ScorerApplication.class)
                .propertySources(ScorerConfiguration.applicationYml())
                .properties(ScorerConfiguration.withoutTrainer(properties))
                .deduceEnvironment(false)
                .start();
        try {
            context.findBean(EmbeddedServer.class).ifPresent(EmbeddedServer::start);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new ScorerInstance(name, context);
    }

    public String name() {
        return name;
    }

    /** The model serving new batches on this instance, if any. */
    public Optional<String> activeModelId() {
        return state().flatMap(ScorerState::activeModelId);
    }

    public Optional<KafkaStreams.State> streamsState() {
        return state().map(ScorerState::streamsState);
    }

    /** The port of its HTTP endpoints (health, Prometheus). */
    public int httpPort() {
        return context.findBean(EmbeddedServer.class).map(EmbeddedServer::getPort).orElse(-1);
    }

    private Optional<ScorerState> state() {
        return context.isRunning() ? context.findBean(ScorerState.class) : Optional.empty();
    }

    @Override
    public void close() {
        context.close();
    }
}
