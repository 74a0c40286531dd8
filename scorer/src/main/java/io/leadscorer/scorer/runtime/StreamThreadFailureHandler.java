package io.leadscorer.scorer.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scorer does when an exception escapes a stream thread: it replaces the thread, so one failure (a fenced
 * or timed-out transaction after a broker restart, a crash in the engine) costs a rebalance of that thread's tasks
 * rather than the whole instance; under exactly-once the replacement resumes from the last commit, so nothing is lost
 * or scored twice. A crash loop is not retried for ever: the failure that makes {@code maxFailures} within
 * {@code window} shuts the client down instead, so liveness reports DOWN and the orchestrator restarts the service.
 */
public final class StreamThreadFailureHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailureHandler.class);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Deque<Long> recentFailures = new ArrayDeque<>();

    public StreamThreadFailureHandler(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** The service's policy: the fifth failure within a minute shuts the client down. */
    public static StreamThreadFailureHandler standard(Clock clock) {
        return new StreamThreadFailureHandler(5, Duration.ofMinutes(1), clock);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
        long now = clock.millis();
        recentFailures.addLast(now);
        while (recentFailures.peekFirst() < now - window.toMillis()) {
            recentFailures.removeFirst();
        }
        if (recentFailures.size() >= maxFailures) {
            LOG.error("Stream thread failed, the {}th time within {} s: a crash loop; shutting the streams down so that"
                    + " liveness reports DOWN and the service is restarted", recentFailures.size(), window.toSeconds(),
                    failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("Stream thread failed ({} within {} s); replacing it: its tasks resume from their last commit",
                recentFailures.size(), window.toSeconds(), failure);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
