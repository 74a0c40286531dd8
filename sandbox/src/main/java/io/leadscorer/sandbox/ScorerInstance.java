package io.leadscorer.sandbox;

import io.leadscorer.scorer.ScorerApplication;
import io.leadscorer.scorer.health.RunningScorer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
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
    private final ApplicationContext context;
    private final Optional<EmbeddedServer> server;
    private final RunningScorer scorer;

    private ScorerInstance(String name, ApplicationContext context, Optional<EmbeddedServer> server) {
        this.name = name;
        this.context = context;
        this.server = server;
        this.scorer = context.getBean(RunningScorer.class);
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
            Optional<EmbeddedServer> server = context.findBean(EmbeddedServer.class);
            server.ifPresent(EmbeddedServer::start);
            return new ScorerInstance(name, context, server);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The model serving new batches on this instance, if any. */
    public Optional<String> activeModelId() {
        return context.isRunning() ? scorer.activeModelId() : Optional.empty();
    }

    public Optional<KafkaStreams.State> streamsState() {
        return context.isRunning() ? Optional.of(scorer.streamsState()) : Optional.empty();
    }

    /** The port of its HTTP endpoints (health, Prometheus). */
    public int httpPort() {
        return server.map(EmbeddedServer::getPort).orElse(-1);
    }

    /** The HTTP server first, so that no probe arrives while the context closes, then the context, as in the service. */
    @Override
    public void close() {
        try {
            server.ifPresent(EmbeddedServer::stop);
        } finally {
            context.close();
        }
    }
}
