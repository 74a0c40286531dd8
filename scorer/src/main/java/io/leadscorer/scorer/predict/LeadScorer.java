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

    @Override
    void close();
}
