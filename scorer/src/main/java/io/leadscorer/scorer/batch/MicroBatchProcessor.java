package io.leadscorer.scorer.batch;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import io.leadscorer.schemas.serde.SchemaRejectedException;
import io.leadscorer.scorer.batch.BufferControl.HoldCause;
import io.leadscorer.scorer.decode.LeadDecoder;
import io.leadscorer.scorer.dlq.DeadLetterReason;
import io.leadscorer.scorer.dlq.DeadLetters;
import io.leadscorer.scorer.dlq.RejectedLeadException;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ModelUnavailableException;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores leads in micro-batches. Each input record is checked against the record limits and decoded (a bad one goes
 * to the dead-letter child at once), then appended to the task's changelogged {@link LeadBuffer} with its decoded
 * event kept in memory, so it is decoded once; a batch is taken from the buffer when it holds a batch's worth of leads
 * not yet in a batch or the oldest of those has waited the maximum wait (checked by wall-clock punctuation), and
 * scores are forwarded in input order. Where a shadow model scores beside the live one, its scores of the batch go to
 * the shadow scores child next to the live ones ({@link ShadowScoresForwarder}); its failures never hold the leads.
 *
 * <p>Scoring is pipelined: a batch is tokenized on the stream thread and submitted to the stream thread's scorer,
 * which runs its forward pass on its own inference thread, while the stream thread goes on polling, decoding and
 * tokenizing the next batch (at most two batches of a task in flight, finishing in submission
 * order). A finished batch is collected on the stream thread (at the next record, punctuation, or when a further
 * batch needs its place) and only then are its scores forwarded and its leads removed from the buffer: a commit while
 * a batch is in flight commits neither, so after a crash its leads are scored again, once. A closing task drops its
 * batches in flight unforwarded; their leads stay in the changelog.
 *
 * <p>The punctuation runs only while the buffer holds leads: Kafka Streams commits a task after every punctuation,
 * and an idle scorer should not commit a transaction every commit interval. Under exactly-once the
 * buffer's changelog, the outputs and the input offsets commit together, so a crash neither loses nor repeats a lead.
 * Closing the task (rebalance, shutdown) leaves the buffer in its changelog for the task's next owner; graceful
 * shutdown drains it first (see {@link BufferControl}).
 *
 * <p>Failures that are not the leads' fault never dead-letter them: when the registry does not answer or refuses the
 * scores' schema, or the model cannot score ({@link ModelUnavailableException}, or every lead of a failing batch
 * fails on its own too), nothing of the batch is forwarded, the leads stay buffered, the task reports a hold to
 * {@link BufferControl} and tries again after a backoff (100 ms doubling to 2 s, at a later punctuation: the stream
 * thread never sleeps); the {@link InputGate} pauses input while it lasts. While the registry is unavailable new
 * records are buffered undecoded and decoded when scored. A changelog entry that cannot be read back is dead-lettered
 * as unrestorable.
 */
public final class MicroBatchProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);
    /** Batches of a task scoring at once: one running its forward pass, the next tokenized and queued behind it. */
    private static final int MAX_IN_FLIGHT = 2;

    private final Settings settings;
    private final LeadDecoder decoder;
    private final StreamThreadScorers scorers;
    private final ScorerMetrics metrics;
    private final BufferControl control;
    private final Clock clock;
    private final Runnable outputSchemaCheck;
    private ProcessorContext<Object, Object> context;
    private LeadBuffer buffer;
    private final InFlightBatches<InFlightBatch> inFlight = new InFlightBatches<>(MAX_IN_FLIGHT, InFlightBatch::isDone);
    private final HoldBackoff hold = new HoldBackoff();
    private final BatchScoring scoring;
    private final ShadowScoresForwarder shadows;
    private Cancellable flushTimer;
    private String task;

    /**
     * What the processor is wired to: its store, its three children (scores, shadow scores, dead letters), the batch
     * limits and the largest dead letter it may write.
     */
    public record Settings(String storeName, String scoresChild, String shadowScoresChild, String deadLetterChild,
                           int batchSize,
                           Duration maxWait, Duration punctuationInterval, int maxDeadLetterBytes) {
    }

    /**
     * {@code outputSchemaCheck} makes sure the scores' writer schema is known to the registry (registering it on
     * first use) and throws {@link RegistryUnavailableException} when the registry does not answer, or
     * {@link SchemaRejectedException} when it refuses the schema, so that no score is forwarded into a sink that
     * would fail; {@code shadowSchemaCheck} does the same for the shadow scores, whose failure drops only them.
     */
    public MicroBatchProcessor(Settings settings, LeadDecoder decoder, StreamThreadScorers scorers,
                               ScorerMetrics metrics, BufferControl control, Clock clock, Runnable outputSchemaCheck,
                               Runnable shadowSchemaCheck) {
        this.settings = settings;
        this.decoder = decoder;
        this.scorers = scorers;
        this.metrics = metrics;
        this.control = control;
        this.clock = clock;
        this.outputSchemaCheck = outputSchemaCheck;
        this.scoring = new BatchScoring(scorers, metrics);
        this.shadows = new ShadowScoresForwarder(settings.shadowScoresChild(), metrics, shadowSchemaCheck);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.task = context.taskId().toString();
        this.buffer = LeadBuffer.restore(context.getStateStore(settings.storeName()));
        control.added(buffer.size());
        if (!buffer.isEmpty()) {
            LOG.info("Task {}: {} leads restored in the buffer", task, buffer.size());
            startFlushTimer();
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.received();
        SourceRecord source = SourceRecord.of(record, context.recordMetadata().orElse(null));
        MqlEvent event = null;
        try {
            decoder.checkBounds(source);
            if (!control.registryUnavailable()) {
                event = decoder.decode(source);
            }
        } catch (RejectedLeadException rejection) {
            deadLetter(source, rejection);
            return;
        } catch (RegistryUnavailableException unavailable) {
            failed(HoldCause.REGISTRY_UNAVAILABLE, unavailable, context.currentSystemTimeMs());
        }
        long now = context.currentSystemTimeMs();
        buffer.append(new BufferedLead(source, now), event);
        control.added(1);
        flushDue(now);
    }

    /** Leaves the buffer as it is: the final commit has already happened when Kafka Streams closes a task. */
    @Override
    public void close() {
        stopFlushTimer();
        inFlight.clear(); // their leads stay in the changelog; their scores are never forwarded
        if (task != null) {
            control.recovered(task);
        }
        if (buffer != null && !buffer.isEmpty()) {
            LOG.info("Task {} closing with {} leads buffered; they stay in the changelog for the task's next owner",
                    task, buffer.size());
            control.removed(buffer.size());
        }
    }

    private void flushDue(long nowMs) {
        collectFinished(nowMs);
        if (hold.mayTry(nowMs)) {
            long maxWaitMs = settings.maxWait().toMillis();
            while (buffer.untaken() >= settings.batchSize() || buffer.oldestUntakenHasWaited(nowMs, maxWaitMs)
                    || (control.draining() && buffer.untaken() > 0)) {
                if (inFlight.isFull() && !collect(nowMs)) {
                    break;
                }
                boolean more = submitBatch(nowMs);
                if (!collectFinished(nowMs) || !more) {
                    break;
                }
            }
        }
        if (control.draining()) {
            while (!inFlight.isEmpty() && collect(nowMs)) {
                // drain: every batch scored and forwarded before the final commit
            }
        }
        if (buffer.isEmpty()) {
            stopFlushTimer();
        } else {
            startFlushTimer();
        }
    }

    /** Forwards the batches at the head of the queue that have finished, in order; false when a hold began. */
    private boolean collectFinished(long nowMs) {
        while (inFlight.headDone()) {
            if (!collect(nowMs)) {
                return false;
            }
        }
        return true;
    }

    /** Checks the age of the oldest lead every punctuation interval from now on, until the buffer is empty. */
    private void startFlushTimer() {
        if (flushTimer == null) {
            flushTimer = context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushDue);
        }
    }

    private void stopFlushTimer() {
        if (flushTimer != null) {
            flushTimer.cancel();
            flushTimer = null;
        }
    }

    /**
     * Takes the oldest leads not yet in a batch, decodes them and submits the decodable ones for scoring; false when it
     * could not (registry or model unavailable), in which case the leads it took are given back and a hold begins.
     */
    private boolean submitBatch(long nowMs) {
        List<KeyValue<Long, BufferedLead>> batch = buffer.take(settings.batchSize());
        List<BatchLead> leads = new ArrayList<>(batch.size());
        List<MqlEvent> scorable = new ArrayList<>(batch.size());
        RegistryUnavailableException stoppedBy = null;
        for (KeyValue<Long, BufferedLead> entry : batch) {
            BatchLead lead;
            try {
                lead = decode(entry);
            } catch (RegistryUnavailableException unavailable) {
                buffer.putBack(entry.key);
                if (leads.isEmpty()) {
                    failed(HoldCause.REGISTRY_UNAVAILABLE, unavailable, nowMs);
                    return false;
                }
                stoppedBy = unavailable; // score what could be decoded; the rest waits for the registry
                break;
            }
            leads.add(lead);
            if (lead instanceof BatchLead.Decoded decoded) {
                scorable.add(decoded.event());
            }
        }
        PendingScores pending;
        try {
            if (!scorable.isEmpty()) {
                outputSchemaCheck.run();
            }
            pending = scorable.isEmpty() ? null : scorers.current().submit(scorable);
        } catch (RegistryUnavailableException unavailable) {
            buffer.putBack(batch.get(0).key);
            failed(HoldCause.REGISTRY_UNAVAILABLE, unavailable, nowMs);
            return false;
        } catch (SchemaRejectedException refused) {
            buffer.putBack(batch.get(0).key);
            failed(HoldCause.OUTPUT_SCHEMA_REJECTED, refused, nowMs);
            return false;
        }
        inFlight.add(new InFlightBatch(batch.subList(0, leads.size()), leads, scorable, pending, stoppedBy));
        return stoppedBy == null;
    }

    /** The buffered lead's event (decoded now unless it was on arrival), or why it cannot be scored. */
    private BatchLead decode(KeyValue<Long, BufferedLead> entry) {
        if (!entry.value.readable()) {
            return new BatchLead.Rejected(new RejectedLeadException(DeadLetterReason.UNRESTORABLE,
                    "Buffered lead could not be restored from the changelog: " + entry.value.damage()));
        }
        MqlEvent event = buffer.decoded(entry.key);
        try {
            return new BatchLead.Decoded(event != null ? event : decoder.decode(entry.value.source()));
        } catch (RejectedLeadException rejection) {
            return new BatchLead.Rejected(rejection);
        }
    }

    /**
     * Waits for the oldest batch in flight and forwards its scores and dead letters in input order; false when the
     * model could not score it, in which case nothing was forwarded, every batch in flight is dropped (their leads are
     * still buffered and taken again at the retry) and a hold begins.
     */
    private boolean collect(long nowMs) {
        InFlightBatch batch = inFlight.poll();
        List<BatchLead> leads;
        try {
            leads = batch.pending() == null ? batch.leads()
                    : scoring.score(task, batch.leads(), batch.scorable().size(), batch.pending());
        } catch (ModelUnavailableException unavailable) {
            inFlight.clear();
            buffer.putBack();
            failed(HoldCause.MODEL_UNAVAILABLE, unavailable, nowMs);
            return false;
        }
        long scoredAt = clock.millis();
        ScoredBatch shadow = batch.pending() == null ? null
                : shadows.usable(task, batch.pending().shadow(), batch.scorable().size(), scoredAt);
        int position = 0;
        for (int i = 0; i < leads.size(); i++) {
            SourceRecord source = batch.entries().get(i).value.source();
            BatchLead lead = leads.get(i);
            if (lead instanceof BatchLead.Rejected rejected) {
                deadLetter(source, rejected.rejection());
                continue;
            }
            if (lead instanceof BatchLead.Scored scored && emit(source, scored, scoredAt) && shadow != null) {
                shadows.forward(context, shadow, position, scored.event(), timestamp(source, scoredAt), scoredAt);
            } else if (lead instanceof BatchLead.Unscorable unscorable) {
                RuntimeException failure = unscorable.failure();
                deadLetter(source, new RejectedLeadException(DeadLetterReason.UNSCORABLE,
                        "The predictor failed on this lead: " + failure.getMessage(), failure, unscorable.modelId()));
            }
            position++;
        }
        buffer.remove(batch.entries());
        control.removed(batch.entries().size());
        if (batch.stoppedBy() != null) {
            // the leads before the first one the registry could not decode are done; the hold goes on
            failed(HoldCause.REGISTRY_UNAVAILABLE, batch.stoppedBy(), nowMs);
            return false;
        }
        recovered();
        return true;
    }

    /**
     * A batch submitted for scoring whose leads stay buffered until its scores are forwarded; {@code pending} is null
     * when none of its leads could be scored (all dead letters).
     */
    private record InFlightBatch(List<KeyValue<Long, BufferedLead>> entries, List<BatchLead> leads,
                                 List<MqlEvent> scorable, PendingScores pending,
                                 RegistryUnavailableException stoppedBy) {
        boolean isDone() {
            return pending == null || pending.isDone();
        }
    }

    /** Forwards the lead's live score; false when it is no probability and the lead was dead-lettered instead. */
    private boolean emit(SourceRecord source, BatchLead.Scored scored, long scoredAt) {
        MqlEvent event = scored.event();
        float probability = scored.batch().probabilities()[scored.index()];
        if (!(probability >= 0f && probability <= 1f)) {
            deadLetter(source, new RejectedLeadException(DeadLetterReason.UNSCORABLE,
                    "The predictor returned " + probability + " for lead " + event.getLeadId() + ", not a probability",
                    null, scored.batch().modelId()));
            return false;
        }
        ScoredLead lead = scored.batch().scoredLead(scored.index(), event, scoredAt);
        context.forward(new Record<Object, Object>(event.getLeadId(), lead, timestamp(source, scoredAt),
                new RecordHeaders()), settings.scoresChild());
        metrics.leadScored(event.getEventTime().toEpochMilli(), scoredAt);
        return true;
    }

    private void failed(HoldCause cause, RuntimeException failure, long nowMs) {
        long backoff = hold.failed(nowMs);
        control.failed(task, cause, String.valueOf(failure.getMessage()), Instant.ofEpochMilli(clock.millis()));
        int attempt = hold.failuresInARow();
        if (attempt == 1 || attempt % 20 == 0) {
            LOG.warn("Task {}: {} leads held, {} (attempt {}), next try in {} ms: {}; {}", task, buffer.size(), cause,
                    attempt, backoff, failure.toString(), cause.action());
        }
    }

    private void recovered() {
        int failures = hold.recovered();
        if (failures > 0) {
            LOG.info("Task {}: scoring again after {} failed attempts", task, failures);
            control.recovered(task);
        }
    }

    /** A record timestamp the producer accepts: the source's, or the scoring time for one restored without it. */
    private static long timestamp(SourceRecord source, long nowMs) {
        return source.timestamp() >= 0 ? source.timestamp() : nowMs;
    }

    private void deadLetter(SourceRecord source, RejectedLeadException rejection) {
        LOG.debug("Dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(),
                rejection.getMessage());
        Record<byte[], byte[]> letter = DeadLetters.of(source, rejection, timestamp(source, clock.millis()),
                settings.maxDeadLetterBytes());
        context.forward(new Record<Object, Object>(letter.key(), letter.value(), letter.timestamp(), letter.headers()),
                settings.deadLetterChild());
        metrics.deadLettered(rejection.reason());
    }
}
