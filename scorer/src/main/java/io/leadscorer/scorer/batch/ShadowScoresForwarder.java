package io.leadscorer.scorer.batch;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.ShadowScores;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the shadow model's scores of a batch to the shadow scores child, beside the live scores and so in the same
 * transaction. A shadow that failed, that did not give one score per lead, or whose topic's schema the registry cannot
 * take costs only its own scores of that batch: they are dropped and counted, with a warning at most once a minute
 * per task, and the live scores go out all the same.
 */
final class ShadowScoresForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowScoresForwarder.class);
    private static final long WARN_EVERY_MS = 60_000;

    private final String child;
    private final ScorerMetrics metrics;
    private final Runnable schemaCheck;
    private long warnedAtMs = Long.MIN_VALUE;
    private long droppedSinceWarning;

    /** {@code schemaCheck} makes sure the shadow scores' schema is registered for their topic, throwing when not. */
    ShadowScoresForwarder(String child, ScorerMetrics metrics, Runnable schemaCheck) {
        this.child = child;
        this.metrics = metrics;
        this.schemaCheck = schemaCheck;
    }

    /** The shadow's scores of a batch of {@code scorable} leads; null when there are none to forward. */
    ScoredBatch usable(String task, Optional<ShadowScores> shadow, int scorable, long nowMs) {
        if (shadow.isEmpty()) {
            return null;
        }
        ShadowScores scores = shadow.get();
        Throwable failure = scores.failure();
        if (failure == null && scores.scored().probabilities().length != scorable) {
            failure = new IllegalStateException("the shadow gave " + scores.scored().probabilities().length
                    + " scores for " + scorable + " leads");
        }
        if (failure == null) {
            try {
                schemaCheck.run();
                return scores.scored();
            } catch (RuntimeException refused) {
                failure = refused;
            }
        }
        dropped(task, scores.modelId(), scorable, failure, nowMs);
        return null;
    }

    /** Forwards the shadow's score of the lead at {@code position}, which is {@code event}, if it is a probability. */
    void forward(ProcessorContext<Object, Object> context, ScoredBatch shadow, int position, MqlEvent event,
                 long timestamp, long scoredAtMs) {
        float probability = shadow.probabilities()[position];
        if (!(probability >= 0f && probability <= 1f)) {
            metrics.shadowDropped(1);
            return;
        }
        context.forward(new Record<Object, Object>(event.getLeadId(), shadow.scoredLead(position, event, scoredAtMs),
                timestamp, new RecordHeaders()), child);
        metrics.shadowScored();
    }

    private void dropped(String task, String modelId, int leads, Throwable failure, long nowMs) {
        metrics.shadowDropped(leads);
        droppedSinceWarning += leads;
        if (warnedAtMs == Long.MIN_VALUE || nowMs - warnedAtMs >= WARN_EVERY_MS) {
            LOG.warn("Task {}: shadow model {} could not score; {} shadow scores dropped since the last warning, the "
                    + "live scores went out ({})", task, modelId, droppedSinceWarning, failure.toString());
            warnedAtMs = nowMs;
            droppedSinceWarning = 0;
        }
    }
}
