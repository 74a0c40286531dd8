package io.leadscorer.scorer.predict;

import io.leadscorer.avro.MqlEvent;
import java.util.List;

/**
 * Scores a batch of leads in one forward pass. Not thread-safe: each stream thread gets its own from
 * {@link StreamThreadScorers}.
 */
public interface LeadScorer extends AutoCloseable {

    /** One probability per lead, in order; throws when the batch cannot be scored. */
    ScoredBatch score(List<MqlEvent> leads);

    /**
     * Starts scoring a batch and returns at once when the forward pass runs on another thread, so that the caller can
     * prepare the next batch meanwhile; batches of one scorer finish in the order they were submitted. This default
     * scores on the calling thread; whatever {@link #score} throws comes out of {@link PendingScores#await}.
     */
    default PendingScores submit(List<MqlEvent> leads) {
        long start = System.nanoTime();
        try {
            ScoredBatch scored = score(leads);
            return PendingScores.of(scored, System.nanoTime() - start);
        } catch (RuntimeException failure) {
            return PendingScores.failed(failure);
        }
    }

    @Override
    void close();
}
