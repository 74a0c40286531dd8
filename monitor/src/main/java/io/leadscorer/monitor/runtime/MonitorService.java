package io.leadscorer.monitor.runtime;

import io.leadscorer.monitor.config.MonitorSettings;
import io.leadscorer.monitor.config.MonitorStreamsConfig;
import io.leadscorer.monitor.drift.ModelReferences;
import io.leadscorer.monitor.health.RunningMonitor;
import io.leadscorer.monitor.metrics.MonitorMetrics;
import io.leadscorer.monitor.metrics.QualityGauges;
import io.leadscorer.monitor.topology.MonitorTopology;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the monitor for the life of the service. Created eagerly with the context (so that nothing builds it later,
 * during a shutdown) and started at once; a stream thread that fails (a registry that stays unreachable) is replaced.
 */
@Context
public class MonitorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final MonitorSettings settings;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    public MonitorService(MonitorSettings settings, ModelReferences references, MonitorMetrics metrics,
                          QualityGauges gauges, Clock clock, RunningMonitor running) {
        this.settings = settings;
        this.streams = new KafkaStreams(MonitorTopology.build(settings, references, metrics, clock, gauges),
                MonitorStreamsConfig.properties(settings));
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.warn("A monitor stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("Streams {} -> {}", before, now));
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        running.register(streams::state);
        start();
    }

    private void start() {
        MonitorSettings.Topics topics = settings.topics();
        MonitorSettings.Labels labels = settings.labels();
        LOG.info("Monitoring scores {} and {} against outcomes {} (drift from {}) -> {} as {} on {} [{}]; horizon {},"
                        + " grace {}, implicit negatives {}; windows of {}; references from {}; rollouts of {} on {}"
                        + " (scoring failures from {})",
                topics.scores(), topics.shadowScores(), topics.outcomes(), topics.events(), topics.quality(),
                settings.applicationId(), settings.kafka().bootstrapServers(), settings.kafka().processingGuarantee(),
                labels.horizon(), labels.grace(), labels.implicitNegatives(), settings.quality().window(),
                settings.modelStore(), settings.rollout().deployment(), topics.control(), topics.scorerDeadLetter());
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @PreDestroy
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Streams did not close within {}", CLOSE_TIMEOUT);
        }
        streamsMetrics.close();
        LOG.info("Monitor stopped");
    }
}
