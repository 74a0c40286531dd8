package io.leadscorer.scorer.testing;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.ScoredBatch;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scorer without a network, for topology tests: the probability is a fixed function of the lead id, lead ids in
 * {@code poison} make any batch holding them throw, and those in {@code notANumber} come back as NaN. It records the
 * lead ids of every call, so tests can see the batches.
 */
public final class FakeLeadScorer implements LeadScorer {

    public static final String MODEL_ID = "fake-model";
    public static final double THRESHOLD = 0.5;

    private final Set<String> poison;
    private final Set<String> notANumber;
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    public FakeLeadScorer() {
        this(Set.of(), Set.of());
    }

    public FakeLeadScorer(Set<String> poison, Set<String> notANumber) {
        this.poison = poison;
        this.notANumber = notANumber;
    }

    public static float probabilityOf(String leadId) {
        return (leadId.hashCode() & 0xffff) / 65535f;
    }

    @Override
    public ScoredBatch score(List<MqlEvent> leads) {
        List<String> ids = leads.stream().map(MqlEvent::getLeadId).toList();
        calls.add(ids);
        float[] probabilities = new float[leads.size()];
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (poison.contains(id)) {
                throw new IllegalArgumentException("cannot score " + id);
            }
            probabilities[i] = notANumber.contains(id) ? Float.NaN : probabilityOf(id);
        }
        return new ScoredBatch(MODEL_ID, THRESHOLD, probabilities);
    }

    /** Scores on the calling thread; a batch it cannot score is a failure of {@link #MODEL_ID}. */
    @Override
    public PendingScores submit(List<MqlEvent> leads) {
        PendingScores pending = new PendingScores();
        try {
            pending.complete(score(leads), 0);
        } catch (RuntimeException failure) {
            pending.fail(MODEL_ID, failure);
        }
        return pending;
    }

    /** The lead ids of each call, in call order. */
    public List<List<String>> calls() {
        return calls;
    }

    @Override
    public void close() {
    }
}
