package io.leadscorer.scorer.batch;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.scorer.dlq.RejectedLeadException;
import io.leadscorer.scorer.predict.ScoredBatch;

/**
 * What a batch does with one of its leads: dead-letters it before scoring ({@link Rejected}), scores its decoded event
 * ({@link Decoded}), and then has its score ({@link Scored}) or its own failure ({@link Unscorable}).
 */
sealed interface BatchLead {

    /** The lead cannot be scored at all (undecodable, unrestorable): it goes to the dead letters. */
    record Rejected(RejectedLeadException rejection) implements BatchLead {
    }

    /** The lead's event, submitted for scoring. */
    record Decoded(MqlEvent event) implements BatchLead {
    }

    /** The lead's score: the one at {@code index} of {@code batch}. */
    record Scored(MqlEvent event, ScoredBatch batch, int index) implements BatchLead {
    }

    /** The model failed on this lead alone; {@code modelId} names it when the scorer knows it (else null). */
    record Unscorable(MqlEvent event, RuntimeException failure, String modelId) implements BatchLead {
    }
}
