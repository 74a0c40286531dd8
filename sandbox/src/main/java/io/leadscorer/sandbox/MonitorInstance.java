package io.leadscorer.sandbox;

import io.leadscorer.monitor.MonitorApplication;
import io.leadscorer.monitor.health.RunningMonitor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One monitor service (its own Micronaut context: Kafka Streams client, HTTP endpoints) started in this JVM with the
 * monitor's application.yml and the given properties on top. Closing it stops its HTTP server, then closes its
 * streams, as the service's shutdown does.
 */
public final class MonitorInstance implements AutoCloseable {

    private final ApplicationContext context;
    private final Optional<EmbeddedServer> server;
    private final RunningMonitor monitor;

    private MonitorInstance(ApplicationContext context, Optional<EmbeddedServer> server) {
        this.context = context;
        this.server = server;
        this.monitor = context.getBean(RunningMonitor.class);
    }

    /** Starts the service; {@code properties} are monitor settings such as {@code monitor.kafka.bootstrap-servers}. */
    public static MonitorInstance start(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder(MonitorApplication.class)
                .propertySources(ModuleResource.applicationYml(MonitorApplication.class))
                .properties(ScorerConfiguration.withoutTrainer(properties))
                .deduceEnvironment(false)
                .start();
        try {
            Optional<EmbeddedServer> server = context.findBean(EmbeddedServer.class);
            server.ifPresent(EmbeddedServer::start);
            return new MonitorInstance(context, server);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public Optional<KafkaStreams.State> streamsState() {
        return context.isRunning() ? Optional.of(monitor.streamsState()) : Optional.empty();
    }

    /** The port of its HTTP endpoints (health, Prometheus). */
    public int httpPort() {
        return server.map(EmbeddedServer::getPort).orElse(-1);
    }

    @Override
    public void close() {
        try {
            server.ifPresent(EmbeddedServer::stop);
        } finally {
            context.close();
        }
    }
}
