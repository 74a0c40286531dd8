package io.leadscorer.scorer.predict;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link LeadScorer} per stream thread: DJL predictors are not thread-safe, and one per task would load the
 * weights once per partition. Kafka Streams runs a task's processing and punctuation on one thread at a time, so
 * the scorer of the calling thread is safe to use there. Scorers of threads that have died (replaced stream threads)
 * are closed when the next one is opened; the rest on {@link #close}.
 */
public final class StreamThreadScorers implements AutoCloseable {

    private final LeadScorerFactory factory;
    private final Map<Thread, LeadScorer> byThread = new ConcurrentHashMap<>();

    public StreamThreadScorers(LeadScorerFactory factory) {
        this.factory = factory;
    }

    /** The scorer of the calling thread, opened on first use. */
    public LeadScorer current() {
        Thread thread = Thread.currentThread();
        LeadScorer scorer = byThread.get(thread);
        if (scorer == null) {
            closeScorersOfDeadThreads();
            scorer = factory.open();
            byThread.put(thread, scorer);
        }
        return scorer;
    }

    private void closeScorersOfDeadThreads() {
        for (Iterator<Map.Entry<Thread, LeadScorer>> entries = byThread.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Thread, LeadScorer> entry = entries.next();
            if (!entry.getKey().isAlive()) {
                entries.remove();
                entry.getValue().close();
            }
        }
    }

    @Override
    public void close() {
        byThread.values().forEach(LeadScorer::close);
        byThread.clear();
    }
}
