package io.leadscorer.sandbox;

import io.leadscorer.monitor.MonitorApplication;
import io.leadscorer.monitor.runtime.MonitorService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One monitor service (its own Micronaut context: Kafka Streams client, HTTP endpoints) started in this JVM with the
 * monitor's application.yml and the given properties on top. Closing it closes its streams, as the service's shutdown
 * does.
 */
public final class MonitorInstance implements AutoCloseable {

    private final ApplicationContext context;

    private MonitorInstance(ApplicationContext context) {
        this.context = context;
    }

    /** Starts the service; {@code properties} are monitor settings such as {@code monitor.kafka.bootstrap-servers}. */
    public static MonitorInstance start(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder(MonitorApplication.class)
                .propertySources(ModuleResource.applicationYml(MonitorApplication.class))
                .properties(ScorerConfiguration.withoutTrainer(properties))
                .deduceEnvironment(false)
                .start();
        try {
            context.findBean(EmbeddedServer.class).ifPresent(EmbeddedServer::start);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new MonitorInstance(context);
    }

    public Optional<KafkaStreams.State> streamsState() {
        return context.isRunning() ? context.findBean(MonitorService.class).map(MonitorService::state) : Optional.empty();
    }

    /** The port of its HTTP endpoints (health, Prometheus). */
    public int httpPort() {
        return context.findBean(EmbeddedServer.class).map(EmbeddedServer::getPort).orElse(-1);
    }

    @Override
    public void close() {
        context.close();
    }
}
