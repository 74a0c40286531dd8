package io.leadscorer.schemas.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Kafka Streams logs at ERROR, with a stack trace, failures it recovers from by itself when a broker is lost or stops
 * answering for a while: a transaction commit that times out, a send that times out or finds its transaction aborted
 * by the coordinator, a store's cache that cannot be flushed for either reason, and the producer's batches dropped
 * when it is fenced for that. Each time Kafka Streams closes
 * the tasks concerned and resumes them from their last commit with a new transaction, so with exactly-once nothing is
 * lost and nothing is counted twice. This filter writes each of those as one WARN line that says so, so that an ERROR
 * line keeps meaning a failure that needs someone; any other ERROR, from the same loggers too, passes as it is.
 * Named in the scorer's and the monitor's logback.xml.
 */
public final class RecoverableKafkaErrors extends TurboFilter {

    private static final String TASK_REBUILT = "Kafka Streams closes the task(s) and resumes them from their last commit"
            + " once the broker answers; the aborted transaction's records are processed again, none lost or counted"
            + " twice";

    /** The loggers that report recoverable failures at ERROR, and what happens after each. */
    private static final Map<String, String> WHAT_HAPPENS_NEXT = Map.of(
            "org.apache.kafka.streams.processor.internals.TaskExecutor", TASK_REBUILT,
            "org.apache.kafka.streams.processor.internals.RecordCollectorImpl", TASK_REBUILT,
            "org.apache.kafka.streams.processor.internals.ProcessorStateManager", TASK_REBUILT,
            "org.apache.kafka.streams.processor.internals.TaskManager", TASK_REBUILT,
            "org.apache.kafka.clients.producer.internals.Sender",
            "Kafka Streams replaces the fenced producer and resumes the task(s) from their last commit; the aborted"
                    + " transaction's records are processed again, none lost or counted twice");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR || format == null) {
            return FilterReply.NEUTRAL;
        }
        String next = WHAT_HAPPENS_NEXT.get(logger.getName());
        Throwable failure = t != null ? t : MessageFormatter.getThrowableCandidate(params);
        if (next == null || !recoverable(failure)) {
            return FilterReply.NEUTRAL;
        }
        logger.warn("{} [{}]. Recoverable: {}", MessageFormatter.arrayFormat(format, params).getMessage(),
                failure, next);
        return FilterReply.DENY;
    }

    /** A timeout or other retriable error, or a producer fenced because its transaction was aborted meanwhile. */
    static boolean recoverable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof ProducerFencedException
                    || cause instanceof InvalidProducerEpochException || cause instanceof InvalidPidMappingException) {
                return true;
            }
        }
        return false;
    }
}
