package io.leadscorer.scorer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadscorer.scorer.health.ScorerLivenessIndicator;
import io.leadscorer.scorer.health.ScorerReadinessIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import io.micronaut.context.event.BeanPreDestroyEvent;
import io.micronaut.context.event.BeanPreDestroyEventListener;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.monitor.HealthMonitorTask;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The service in its Micronaut context is built once, at start-up, and never again. Closing the context destroys its
 * beans one by one; a health check that resolves the health indicators meanwhile (a probe in flight, a health monitor
 * ticking) must not build a second service: its Kafka Streams client would find the state directory still locked by
 * the first, or leak when the context is gone.
 */
class ScorerServiceTest {

    @TempDir
    Path tmp;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    /** There is no broker: the Kafka clients' connection warnings would only fill the build log. */
    private final Logger connections = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient");

    @BeforeEach
    void captureLog() {
        ProbeWhileClosing.reset();
        connections.setLevel(Level.ERROR);
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        connections.setLevel(null);
    }

    @Test
    void probesAtEveryStepOfTheShutdownBuildNoSecondServiceAndNothingLogsAnError() {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                ProbeWhileClosing.ENABLED, "true",
                "scorer.kafka.bootstrap-servers", "localhost:9",
                "scorer.kafka.state-dir", tmp.resolve("state").toString(),
                "scorer.registry.url", "mock://scorer-service-test",
                "scorer.model.store", tmp.toString(),
                "scorer.model.initial-bundle", tmp.resolve("none").toString(),
                "scorer.model.device", "cpu")).start();
        assertThat(context.containsBean(HealthMonitorTask.class))
                .as("Micronaut's health monitor (it only feeds service discovery, which the scorer does not use)")
                .isFalse();
        context.close();

        assertThat(ProbeWhileClosing.failures).as("what the probes while closing ran into").isEmpty();
        assertThat(ProbeWhileClosing.statuses).as("probes answered while the context closed").isNotEmpty();
        assertThat(ProbeWhileClosing.built).as("ScorerService instances built").hasValue(1);
        assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /**
     * A readiness and a liveness probe before and after each bean the closing context destroys (the service among
     * them); counts the services built. Its state is static: the context may build this listener more than once.
     */
    @Singleton
    @Requires(property = ProbeWhileClosing.ENABLED, value = "true")
    static class ProbeWhileClosing implements BeanCreatedEventListener<ScorerService>,
            BeanPreDestroyEventListener<Object>, BeanDestroyedEventListener<Object> {

        static final String ENABLED = "scorer-service-test.probe-while-closing";
        static final AtomicInteger built = new AtomicInteger();
        static final List<HealthStatus> statuses = new CopyOnWriteArrayList<>();
        static final List<Throwable> failures = new CopyOnWriteArrayList<>();

        private final BeanContext context;

        ProbeWhileClosing(BeanContext context) {
            this.context = context;
        }

        static void reset() {
            built.set(0);
            statuses.clear();
            failures.clear();
        }

        @Override
        public ScorerService onCreated(BeanCreatedEvent<ScorerService> event) {
            built.incrementAndGet();
            return event.getBean();
        }

        @Override
        public Object onPreDestroy(BeanPreDestroyEvent<Object> event) {
            probe();
            return event.getBean();
        }

        @Override
        public void onDestroyed(BeanDestroyedEvent<Object> event) {
            probe();
        }

        private void probe() {
            try {
                for (Class<? extends HealthIndicator> indicator : List.of(ScorerReadinessIndicator.class,
                        ScorerLivenessIndicator.class)) {
                    statuses.add(Mono.from(context.getBean(indicator).getResult()).block().getStatus());
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
    }
}
