package io.leadscorer.scorer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.model.explain.ReasonAttribution;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.predict.LeadScore;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.testing.Leads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorLeadScorerTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());

    @TempDir
    Path store;

    @Test
    void submittedBatchesFinishInOrderWithTheGenerationTheyWereSubmittedOn() {
        List<Long> closed = new ArrayList<>();
        Bundle first = TinyBundles.create(store, 1);
        Bundle second = TinyBundles.create(store, 2);
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(Generations.of(first, 1, closed));
        PredictorLeadScorer scorer = new PredictorLeadScorer(active);
        List<List<MqlEvent>> batches = new ArrayList<>();
        List<PendingScores> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(Leads.leads("b" + i, 1 + i * 7, Instant.EPOCH));
            pending.add(scorer.submit(batches.get(i)));
        }
        active.switchTo(Generations.of(second, 2, closed));

        List<float[]> expected = new ArrayList<>();
        try (LeadPredictor alone = LeadPredictor.open(first, Device.cpu())) {
            batches.forEach(batch -> expected.add(alone.predict(batch)));
        }
        ScoredBatch last = pending.get(5).await();
        assertThat(pending).allMatch(PendingScores::isDone); // one inference thread, first in first out
        assertThat(closed).as("generation 1 closes once its last batch is done").containsExactly(1L);
        assertThat(last.modelId()).isEqualTo(first.modelId());
        for (int i = 0; i < batches.size(); i++) {
            assertThat(pending.get(i).await().probabilities()).containsExactly(expected.get(i));
            assertThat(pending.get(i).scoringNanos()).isPositive();
        }

        assertThat(scorer.submit(batches.get(0)).await().modelId()).isEqualTo(second.modelId());
        scorer.close();
        assertThatThrownBy(() -> scorer.score(batches.get(0))).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("closed");
        active.close();
        assertThat(closed).containsExactly(1L, 2L);
    }

    @Test
    void eachLeadComesWithItsTierPercentileAndAsManyReasonsAsTheSettingsAsk() {
        ValueEffects effects = new ValueEffects(Map.of(
                "business_unit", new ValueEffects.Column(1, Map.of(KEYS.key("ID"), 0.5, KEYS.key("IT"), -0.25)),
                "enterprise", new ValueEffects.Column(1, Map.of(KEYS.key("Enterprise"), 0.75, KEYS.key("SMB"), 0.125))));
        Bundle bundle = TinyBundles.create(store, 3, effects);
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(Generations.of(bundle, 1, new ArrayList<>()));
        List<MqlEvent> leads = Leads.leads("r", 8, Instant.EPOCH);

        ScoredBatch two = new PredictorLeadScorer(active, new ReasonSettings(2)).score(leads);
        ScoredBatch one = new PredictorLeadScorer(active, new ReasonSettings(1)).score(leads);
        ScoredBatch none = new PredictorLeadScorer(active, new ReasonSettings(0)).score(leads);

        List<LeadScore> expected;
        try (LeadPredictor alone = LeadPredictor.open(bundle, Device.cpu())) {
            expected = alone.scoreLeads(alone.tokenize(leads), 2);
        }
        assertThat(two.leads()).isEqualTo(expected);
        assertThat(two.probabilities()).containsExactly(none.probabilities());
        assertThat(two.leads()).allSatisfy(lead -> assertThat(lead.reasons()).hasSize(2));
        assertThat(one.leads()).allSatisfy(lead -> {
            assertThat(lead.reasons().stream().filter(r -> r.contribution() > 0).count()).isEqualTo(1);
            assertThat(lead.reasons().stream().filter(r -> r.contribution() < 0).count()).isLessThanOrEqualTo(1);
        });
        assertThat(none.leads()).allSatisfy(lead -> {
            assertThat(lead.reasons()).isEmpty();
            assertThat(lead.tier()).isNotNull();
        });
        active.close();
    }

    @Test
    void occlusionAddsTheNetworksSharesAsTheSettingsAsk() {
        Bundle bundle = TinyBundles.create(store, 3);
        ActiveGeneration active = new ActiveGeneration();
        active.switchTo(Generations.of(bundle, 1, new ArrayList<>()));
        List<MqlEvent> leads = Leads.leads("o", 4, Instant.EPOCH);

        ScoredBatch occluded = new PredictorLeadScorer(active, new ReasonSettings(2, "occlusion")).score(leads);
        ScoredBatch effects = new PredictorLeadScorer(active, new ReasonSettings(2)).score(leads);

        List<LeadScore> expected;
        try (LeadPredictor alone = LeadPredictor.open(bundle, Device.cpu())) {
            expected = alone.scoreLeads(alone.tokenize(leads), 2, ReasonAttribution.OCCLUSION);
        }
        assertThat(occluded.leads()).isEqualTo(expected);
        assertThat(occluded.leads()).allSatisfy(lead -> assertThat(lead.reasons()).isNotEmpty());
        assertThat(effects.leads()).allSatisfy(lead -> assertThat(lead.reasons()).isEmpty());
        active.close();
    }
}
