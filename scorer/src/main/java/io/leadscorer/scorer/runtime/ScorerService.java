package io.leadscorer.scorer.runtime;

import ai.djl.Device;
import io.leadscorer.scorer.batch.BufferControl;
import io.leadscorer.scorer.batch.InputGate;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.decode.RecordLimits;
import io.leadscorer.scorer.health.RunningScorer;
import io.leadscorer.scorer.health.ScorerState;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.control.ControlLoop;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.Generation;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import io.leadscorer.scorer.topology.ScorerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scorer for the life of the service: once the context is up it starts following the control topic, and
 * starts the Kafka Streams application when the first model generation is active (no lead is consumed before a
 * model can score it). On shutdown it stops following the control topic, drains the micro-batch buffers (so the
 * final commit publishes their scores), closes the streams and then the model. A stream thread that dies is replaced
 * ({@link StreamThreadFailureHandler}); only a crash loop takes the client down, so liveness reports DOWN and the
 * orchestrator restarts the service.
 */
@Singleton
public class ScorerService implements ScorerState, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScorerService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final ScorerSettings settings;
    private final ActiveGeneration active;
    private final ControlLoop control;
    private final Device device;
    private final BufferControl buffers;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final InputGate inputGate;
    private final RunningScorer running;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean streamsStarted = new AtomicBoolean();

    public ScorerService(ScorerSettings settings, StreamThreadScorers scorers, ScorerMetrics metrics,
                         BufferControl buffers, Clock clock, ActiveGeneration active, ControlLoop control,
                         Device device, MeterRegistry registry, RecordLimits limits, RunningScorer running) {
        this.settings = settings;
        this.active = active;
        this.control = control;
        this.device = device;
        this.buffers = buffers;
        this.running = running;
        this.streams = new KafkaStreams(ScorerTopology.build(settings, limits, scorers, metrics, buffers, clock),
                ScorerStreamsConfig.properties(settings));
        this.inputGate = InputGate.standard(buffers, streams);
        streams.setUncaughtExceptionHandler(StreamThreadFailureHandler.standard(clock));
        streams.setStateListener((now, before) -> LOG.info("Streams {} -> {}", before, now));
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    /**
     * Logs what the service is about to do, reports to the health indicators, follows the control topic, and starts
     * the streams once a model is active.
     */
    public void start() {
        ScorerSettings.Batch batch = settings.batch();
        ScorerSettings.Kafka kafka = settings.kafka();
        LOG.info("Scoring {} -> {} (dead letters {}, shadow scores {}) as {} instance {} on {} [{}], {} stream "
                        + "thread(s), {}", settings.topics().input(), settings.topics().output(),
                settings.topics().deadLetter(), settings.topics().shadowScores(),
                settings.applicationId(), settings.effectiveInstanceId(), kafka.bootstrapServers(),
                kafka.securityProtocol(), kafka.numStreamThreads(), kafka.processingGuarantee());
        LOG.info("Models from {} (initial bundle {}) on {}, commands on {}, status on {}; batches of up to {} leads, "
                        + "maximum wait {} ms, values up to {} bytes", settings.model().store(),
                settings.model().initialBundle(), device, settings.topics().control(), settings.topics().status(),
                batch.size(), batch.maxWait().toMillis(), batch.maxValueBytes());
        running.register(this);
        active.onActivated(generation -> startStreams());
        control.start();
        if (active.current().isPresent()) {
            startStreams();
        }
    }

    private void startStreams() {
        if (!closed.get() && streamsStarted.compareAndSet(false, true)) {
            LOG.info("A model is active: starting the streams");
            streams.start();
            inputGate.start();
        }
    }

    @Override
    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    @Override
    public Optional<String> activeModelId() {
        return active.current().map(Generation::modelId);
    }

    /**
     * Graceful shutdown: every buffered lead is scored (the processors drain their buffers at their next tick), then
     * the streams close, so the final commit publishes those scores with the input offsets. Leads still buffered
     * after the drain timeout (or when the streams are not running) stay in the changelog for the next owner.
     */
    @PreDestroy
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        control.close();
        inputGate.close();
        long buffered = buffers.buffered();
        buffers.drain();
        if (streams.state() == KafkaStreams.State.RUNNING && buffered > 0) {
            LOG.info("Shutting down: scoring the {} buffered leads first", buffered);
            try {
                if (!buffers.awaitEmpty(DRAIN_TIMEOUT)) {
                    LOG.warn("{} leads still buffered after {}; they stay in the changelog for the next owner",
                            buffers.buffered(), DRAIN_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long left = buffers.buffered();
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Streams did not close within {}", CLOSE_TIMEOUT);
        }
        streamsMetrics.close();
        active.close();
        LOG.info("Scorer stopped; {} buffered leads left in the changelog for the next owner", left);
    }
}
