package io.leadscorer.scorer.metrics;

import io.leadscorer.model.bundle.Lineage;
import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.scorer.dlq.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scorer's own meters (exported at /prometheus as {@code leadscorer_*}): records in, scored, dead-lettered by
 * reason, batch size, inference time per batch, end-to-end latency from event time to scored time, and the active
 * model id as a tag of a gauge that is 1, with a second such gauge tagged with the model's lineage (the project
 * version that trained it and the SHA-256 of its training file; {@code unknown} for a bundle written before lineage);
 * shadow scores written, dropped (the shadow model failed) and shadows ended;
 * control commands by outcome, the time from command to serving model, and the model generations still loaded.
 */
public final class ScorerMetrics {
    private static final String UNKNOWN = "unknown";

    private final Counter received;
    private final Counter scored;
    private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer endToEnd;
    private final MultiGauge activeModel;
    private final MultiGauge activeModelInfo;
    private final MeterRegistry registry;
    private final Timer modelLoad;
    private final AtomicInteger openGenerations = new AtomicInteger();
    private final Counter shadowScored;
    private final Counter shadowDropped;
    private final Counter shadowsEnded;

    public ScorerMetrics(MeterRegistry registry) {
        this.registry = registry;
        modelLoad = Timer.builder("leadscorer.model.load")
                .description("Time from a control command to its model serving: verify, load, warm up, switch")
                .register(registry);
        Gauge.builder("leadscorer.model.generations.open", openGenerations, AtomicInteger::get)
                .description("Model generations loaded in this instance (the active one plus retired ones still in use)")
                .register(registry);
        received = Counter.builder("leadscorer.records.in")
                .description("Input records read from the events topic").register(registry);
        scored = Counter.builder("leadscorer.records.scored")
                .description("Scored leads written to the scores topic").register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLettered.put(reason, Counter.builder("leadscorer.records.dead.lettered")
                    .description("Input records written to the dead-letter topic").tag("reason", reason.tag())
                    .register(registry));
        }
        batchSize = DistributionSummary.builder("leadscorer.batch.size")
                .description("Leads per forward pass").baseUnit("leads")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        inference = Timer.builder("leadscorer.batch.inference")
                .description("Time of one forward pass, lead text and tokenization included")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        endToEnd = Timer.builder("leadscorer.latency.end.to.end")
                .description("From the event time of a lead to the time it was scored")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        for (String outcome : List.of("active", "rejected", "ignored")) {
            commandCounter(outcome);
        }
        shadowScored = Counter.builder("leadscorer.shadow.scored")
                .description("Shadow scores written to the shadow scores topic").register(registry);
        shadowDropped = Counter.builder("leadscorer.shadow.dropped")
                .description("Leads scored live whose shadow score was dropped because the shadow model failed")
                .register(registry);
        shadowsEnded = Counter.builder("leadscorer.shadow.ended")
                .description("Shadows retired because their time was up").register(registry);
        activeModel = MultiGauge.builder("leadscorer.model.active")
                .description("1 for the model bundle that scores new batches, tagged with its id").register(registry);
        activeModelInfo = MultiGauge.builder("leadscorer.model.info")
                .description("1 for the model bundle that scores new batches, tagged with its id and lineage")
                .register(registry);
    }

    public void received() {
        received.increment();
    }

    public void deadLettered(DeadLetterReason reason) {
        deadLettered.get(reason).increment();
    }

    public void batchScored(int leads, long inferenceNanos) {
        batchSize.record(leads);
        inference.record(inferenceNanos, TimeUnit.NANOSECONDS);
    }

    public void leadScored(long eventTimeMs, long scoredTimeMs) {
        scored.increment();
        endToEnd.record(Math.max(0, scoredTimeMs - eventTimeMs), TimeUnit.MILLISECONDS);
    }

    public void shadowScored() {
        shadowScored.increment();
    }

    public void shadowDropped(int leads) {
        shadowDropped.increment(leads);
    }

    public void shadowEnded() {
        shadowsEnded.increment();
    }

    /** A control command's outcome on this instance: active, rejected or ignored. */
    public void modelCommand(String outcome) {
        commandCounter(outcome).increment();
    }

    /** Registered at start for every outcome, so that the first rejection shows as an increase from 0. */
    private Counter commandCounter(String outcome) {
        return Counter.builder("leadscorer.model.commands").description("Control commands by outcome on this instance")
                .tag("outcome", outcome).register(registry);
    }

    public void modelLoaded(long nanos) {
        modelLoad.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void generationOpened() {
        openGenerations.incrementAndGet();
    }

    public void generationClosed() {
        openGenerations.decrementAndGet();
    }

    public void modelActivated(Manifest manifest) {
        activeModel.register(List.of(MultiGauge.Row.of(Tags.of("model_id", manifest.modelId()), 1)), true);
        Lineage lineage = manifest.lineage();
        Tags info = Tags.of("model_id", manifest.modelId(),
                "project_version", lineage == null ? UNKNOWN : lineage.projectVersion(),
                "training_data_sha256", lineage == null ? UNKNOWN : lineage.trainingDataSha256());
        activeModelInfo.register(List.of(MultiGauge.Row.of(info, 1)), true);
    }
}
