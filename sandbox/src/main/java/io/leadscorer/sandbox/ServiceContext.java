package io.leadscorer.sandbox;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.Optional;

/**
 * One service's Micronaut context started in this JVM, the way the sandbox runs scorers and the monitor: a plain
 * context (no shutdown hook of its own: the sandbox decides the order things stop in) with the module's own
 * application.yml, the given properties on top and the trainer's beans left out, then its HTTP server. Closing it
 * stops the server first, so that no probe arrives while the context closes, as the service's own shutdown does.
 */
final class ServiceContext implements AutoCloseable {

    private final ApplicationContext context;
    private final Optional<EmbeddedServer> server;

    private ServiceContext(ApplicationContext context, Optional<EmbeddedServer> server) {
        this.context = context;
        this.server = server;
    }

    static ServiceContext start(Class<?> application, PropertySource applicationYml, Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder(application)
                .propertySources(applicationYml)
                .properties(ScorerConfiguration.withoutTrainer(properties))
                .deduceEnvironment(false)
                .start();
        try {
            Optional<EmbeddedServer> server = context.findBean(EmbeddedServer.class);
            server.ifPresent(EmbeddedServer::start);
            return new ServiceContext(context, server);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    boolean running() {
        return context.isRunning();
    }

    int httpPort() {
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
