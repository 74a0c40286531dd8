package io.leadscorer.sandbox;

import io.leadscorer.monitor.MonitorApplication;
import io.leadscorer.monitor.health.RunningMonitor;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One monitor service (its own Micronaut context: Kafka Streams client, HTTP endpoints) started in this JVM with the
 * monitor's application.yml and the given properties on top. Closing it closes its streams, as the service's
 * shutdown does. Its state comes from the monitor's {@link RunningMonitor}, taken once at start.
 */
public final class MonitorInstance implements AutoCloseable {

    private final ServiceContext service;
    private final RunningMonitor monitor;

    private MonitorInstance(ServiceContext service) {
        this.service = service;
        this.monitor = service.bean(RunningMonitor.class);
    }

    /** Starts the service; {@code properties} are monitor settings such as {@code monitor.kafka.bootstrap-servers}. */
    public static MonitorInstance start(Map<String, Object> properties) {
        ServiceContext service = ServiceContext.start(MonitorApplication.class,
                ModuleResource.applicationYml(MonitorApplication.class), properties);
        try {
            return new MonitorInstance(service);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    public Optional<KafkaStreams.State> streamsState() {
        return service.running() ? Optional.of(monitor.streamsState()) : Optional.empty();
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
