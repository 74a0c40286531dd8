package io.leadscorer.scorer.batch;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.ModelUnavailableException;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.StreamThreadScorers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the decoded leads of a batch in flight into scored ones once its forward pass is done. When the batch fails as
 * a whole, its leads are scored one by one, so that one lead the model cannot score is dead-lettered alone instead of
 * taking its batch with it; when every lead fails alone too, the model is at fault and the batch is held.
 */
final class BatchScoring {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScoring.class);

    private final StreamThreadScorers scorers;
    private final ScorerMetrics metrics;

    BatchScoring(StreamThreadScorers scorers, ScorerMetrics metrics) {
        this.scorers = scorers;
        this.metrics = metrics;
    }

    /**
     * The batch's leads with their scores ({@code scorable} of them were submitted as {@code pending}), or scored lead
     * by lead when the batch failed. Throws {@link ModelUnavailableException} when the model says so, and when every
     * lead fails on its own too: then the model, not the leads, is at fault.
     */
    List<BatchLead> score(String task, List<BatchLead> leads, int scorable, PendingScores pending) {
        try {
            ScoredBatch scored = pending.await();
            checkSize(scored, scorable);
            metrics.batchScored(scorable, pending.scoringNanos());
            int[] next = {0};
            return scoredLeads(leads, event -> new BatchLead.Scored(event, scored, next[0]++));
        } catch (ModelUnavailableException unavailable) {
            throw unavailable;
        } catch (RuntimeException batchFailure) {
            LOG.warn("Task {}: a batch of {} leads could not be scored ({}); scoring them one by one", task,
                    scorable, batchFailure.toString());
            List<BatchLead> alone = scoredLeads(leads, event -> scoreAlone(scorers.current(), event));
            if (alone.stream().noneMatch(BatchLead.Scored.class::isInstance)) {
                throw new ModelUnavailableException("Every one of " + scorable + " leads failed on its own as"
                        + " well: the model cannot score (" + batchFailure + ")", batchFailure);
            }
            return alone;
        }
    }

    private static List<BatchLead> scoredLeads(List<BatchLead> leads, Function<MqlEvent, BatchLead> scoring) {
        List<BatchLead> scored = new ArrayList<>(leads.size());
        for (BatchLead lead : leads) {
            scored.add(lead instanceof BatchLead.Decoded decoded ? scoring.apply(decoded.event()) : lead);
        }
        return scored;
    }

    private BatchLead scoreAlone(LeadScorer scorer, MqlEvent event) {
        long start = System.nanoTime();
        PendingScores pending = null;
        try {
            pending = scorer.submit(List.of(event));
            ScoredBatch scored = pending.await();
            checkSize(scored, 1);
            metrics.batchScored(1, System.nanoTime() - start);
            return new BatchLead.Scored(event, scored, 0);
        } catch (ModelUnavailableException unavailable) {
            throw unavailable;
        } catch (RuntimeException failure) {
            return new BatchLead.Unscorable(event, failure,
                    pending == null ? null : pending.failedModel().orElse(null));
        }
    }

    private static void checkSize(ScoredBatch scored, int expected) {
        if (scored.probabilities().length != expected) {
            throw new IllegalStateException("The predictor returned " + scored.probabilities().length
                    + " probabilities for " + expected + " leads");
        }
    }
}
