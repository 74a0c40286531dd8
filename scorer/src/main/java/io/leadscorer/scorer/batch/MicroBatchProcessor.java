package io.leadscorer.scorer.batch;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.scorer.decode.LeadDecoder;
import io.leadscorer.scorer.dlq.DeadLetterReason;
import io.leadscorer.scorer.dlq.DeadLetters;
import io.leadscorer.scorer.dlq.RejectedLeadException;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.LeadScorer;
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
 * Scores leads in micro-batches. Each input record is checked and decoded (a bad one goes to the dead-letter child
 * at once), then appended to the task's changelogged {@link LeadBuffer}; the buffer is scored in one forward pass
 * when it holds a batch or its oldest lead has waited the maximum wait (checked by wall-clock punctuation), and
 * scores are forwarded in input order. The punctuation runs only while the buffer holds leads: Kafka Streams commits
 * a task after every punctuation, and an idle scorer should not commit a transaction every commit interval. Under exactly-once the buffer's changelog, the outputs and the input offsets
 * commit together, so a crash neither loses nor repeats a lead. Closing the task (rebalance, shutdown) leaves the
 * buffer in its changelog for the task's next owner; graceful shutdown drains it first (see {@link BufferControl}).
 */
public final class MicroBatchProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);

    private final Settings settings;
    private final LeadDecoder decoder;
    private final StreamThreadScorers scorers;
    private final ScorerMetrics metrics;
    private final BufferControl control;
    private final Clock clock;
    private ProcessorContext<Object, Object> context;
    private LeadBuffer buffer;
    private Cancellable flushTimer;

    /**
     * What the processor is wired to: its store, its two children (scores, dead letters) and the batch limits.
     */
    public record Settings(String storeName, String scoresChild, String deadLetterChild, int batchSize,
                           Duration maxWait, Duration punctuationInterval) {
    }

    public MicroBatchProcessor(Settings settings, LeadDecoder decoder, StreamThreadScorers scorers,
                               ScorerMetrics metrics, BufferControl control, Clock clock) {
        this.settings = settings;
        this.decoder = decoder;
        this.scorers = scorers;
        this.metrics = metrics;
        this.control = control;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.buffer = LeadBuffer.restore(context.getStateStore(settings.storeName()));
        control.added(buffer.size());
        if (!buffer.isEmpty()) {
            LOG.info("Task {}: {} leads restored in the buffer", context.taskId(), buffer.size());
            startFlushTimer();
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.received();
        SourceRecord source = SourceRecord.of(record, context.recordMetadata().orElse(null));
        try {
            decoder.decode(source);
        } catch (RejectedLeadException rejection) {
            deadLetter(source, rejection);
            return;
        }
        long now = context.currentSystemTimeMs();
        buffer.append(new BufferedLead(source, now));
        control.added(1);
        flushDue(now);
    }

    /** Leaves the buffer as it is: the final commit has already happened when Kafka Streams closes a task. */
    @Override
    public void close() {
        stopFlushTimer();
        if (buffer != null && !buffer.isEmpty()) {
            LOG.info("Task {} closing with {} leads buffered; they stay in the changelog for the task's next owner",
                    context.taskId(), buffer.size());
            control.removed(buffer.size());
        }
    }

    private void flushDue(long nowMs) {
        long maxWaitMs = settings.maxWait().toMillis();
        while (buffer.size() >= settings.batchSize() || buffer.oldestHasWaited(nowMs, maxWaitMs)
                || (control.draining() && !buffer.isEmpty())) {
            flushBatch();
        }
        if (buffer.isEmpty()) {
            stopFlushTimer();
        } else {
            startFlushTimer();
        }
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

    private void flushBatch() {
        List<KeyValue<Long, BufferedLead>> batch = buffer.oldest(settings.batchSize());
        List<SourceRecord> sources = new ArrayList<>(batch.size());
        List<MqlEvent> events = new ArrayList<>(batch.size());
        for (KeyValue<Long, BufferedLead> entry : batch) {
            SourceRecord source = entry.value.source();
            try {
                events.add(decoder.decode(source));
                sources.add(source);
            } catch (RejectedLeadException rejection) {
                deadLetter(source, rejection);
            }
        }
        if (!events.isEmpty()) {
            score(sources, events);
        }
        buffer.remove(batch);
        control.removed(batch.size());
    }

    private void score(List<SourceRecord> sources, List<MqlEvent> events) {
        LeadScorer scorer = scorers.current();
        long start = System.nanoTime();
        ScoredBatch scored;
        try {
            scored = scorer.score(events);
            checkSize(scored, events.size());
        } catch (RuntimeException batchFailure) {
            LOG.warn("A batch of {} leads could not be scored ({}); scoring them one by one", events.size(),
                    batchFailure.toString());
            scoreOneByOne(scorer, sources, events);
            return;
        }
        metrics.batchScored(events.size(), System.nanoTime() - start);
        emit(sources, events, scored);
    }

    private void scoreOneByOne(LeadScorer scorer, List<SourceRecord> sources, List<MqlEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            long start = System.nanoTime();
            ScoredBatch scored;
            try {
                scored = scorer.score(List.of(events.get(i)));
                checkSize(scored, 1);
            } catch (RuntimeException failure) {
                deadLetter(sources.get(i), new RejectedLeadException(DeadLetterReason.UNSCORABLE,
                        "The predictor failed on this lead: " + failure.getMessage(), failure));
                continue;
            }
            metrics.batchScored(1, System.nanoTime() - start);
            emit(sources.subList(i, i + 1), events.subList(i, i + 1), scored);
        }
    }

    private void emit(List<SourceRecord> sources, List<MqlEvent> events, ScoredBatch scored) {
        long scoredAt = clock.millis();
        for (int i = 0; i < events.size(); i++) {
            MqlEvent event = events.get(i);
            float probability = scored.probabilities()[i];
            if (!(probability >= 0f && probability <= 1f)) {
                deadLetter(sources.get(i), new RejectedLeadException(DeadLetterReason.UNSCORABLE,
                        "The predictor returned " + probability + " for lead " + event.getLeadId()
                                + ", not a probability"));
                continue;
            }
            ScoredLead lead = ScoredLead.newBuilder()
                    .setLeadId(event.getLeadId())
                    .setProbability(probability)
                    .setLabel(probability >= scored.threshold())
                    .setThreshold(scored.threshold())
                    .setModelId(scored.modelId())
                    .setEventTime(event.getEventTime())
                    .setScoredTime(Instant.ofEpochMilli(scoredAt))
                    .build();
            context.forward(new Record<Object, Object>(event.getLeadId(), lead, sources.get(i).timestamp(),
                    new RecordHeaders()), settings.scoresChild());
            metrics.leadScored(event.getEventTime().toEpochMilli(), scoredAt);
        }
    }

    private static void checkSize(ScoredBatch scored, int expected) {
        if (scored.probabilities().length != expected) {
            throw new IllegalStateException("The predictor returned " + scored.probabilities().length
                    + " probabilities for " + expected + " leads");
        }
    }

    private void deadLetter(SourceRecord source, RejectedLeadException rejection) {
        LOG.debug("Dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(),
                rejection.getMessage());
        Record<byte[], byte[]> letter = DeadLetters.of(source, rejection);
        context.forward(new Record<Object, Object>(letter.key(), letter.value(), letter.timestamp(), letter.headers()),
                settings.deadLetterChild());
        metrics.deadLettered(rejection.reason());
    }
}
