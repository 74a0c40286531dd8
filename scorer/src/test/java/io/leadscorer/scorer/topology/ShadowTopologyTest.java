package io.leadscorer.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.leadscorer.avro.MqlEvent;
import io.leadscorer.avro.ScoredLead;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.predict.LeadScore;
import io.leadscorer.model.testing.TinyBundles;
import io.leadscorer.scorer.predict.ActiveGeneration;
import io.leadscorer.scorer.predict.LeadScorer;
import io.leadscorer.scorer.predict.PendingScores;
import io.leadscorer.scorer.predict.PredictorLeadScorer;
import io.leadscorer.scorer.predict.ScoredBatch;
import io.leadscorer.scorer.predict.Shadow;
import io.leadscorer.scorer.predict.ShadowScores;
import io.leadscorer.scorer.testing.FakeLeadScorer;
import io.leadscorer.scorer.testing.Generations;
import io.leadscorer.scorer.testing.Leads;
import io.leadscorer.scorer.testing.TestSettings;
import io.leadscorer.scorer.testing.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer topology in a TopologyTestDriver with a shadow model beside the live one: one live score per lead on the
 * scores topic, one shadow score per lead on the shadow scores topic and never on the scores topic, and a shadow that
 * fails costs only its own scores.
 */
class ShadowTopologyTest {

    private static final Instant EVENT_TIME = Instant.parse("2026-03-02T08:59:00Z");

    @TempDir
    Path stateDir;

    @TempDir
    Path models;

    @Test
    void aShadowThatReadsLeadsLikeTheLiveModelScoresTheLiveTokensWithItsOwnValueEffects() {
        Bundle live = TinyBundles.create(models, 1);
        List<MqlEvent> leads = Leads.leads("shared", 10, EVENT_TIME);
        ValueEffects effects = new ValueEffects(Map.of("customer_idx", new ValueEffects.Column(1,
                Map.of(String.valueOf(leads.get(0).getCustomerIdx()), 2.0))));
        scoresBothModels(live, TinyBundles.create(models, 1, effects), leads);
    }

    @Test
    void aShadowWithItsOwnTokenizerScoresEveryLeadBesideTheLiveModel() {
        scoresBothModels(TinyBundles.create(models, 1), TinyBundles.create(models, 2),
                Leads.leads("own", 10, EVENT_TIME));
    }

    private void scoresBothModels(Bundle live, Bundle shadow, List<MqlEvent> leads) {
        ActiveGeneration active = new ActiveGeneration();
        active.serve(Generations.of(live, 1), new Shadow(Generations.of(shadow, 2), ShadowRole.CANDIDATE,
                Instant.now().plus(Duration.ofDays(1))));
        List<LeadScore> expected;
        try (LeadPredictor predictor = LeadPredictor.open(shadow, Device.cpu())) {
            expected = predictor.scoreLeads(predictor.tokenize(leads), 3);
        }
        try (TopologyHarness harness = new TopologyHarness(TestSettings.withStateDir(stateDir)
                .batch(4, Duration.ofMillis(100)).build(), () -> new PredictorLeadScorer(active))) {
            leads.forEach(harness::send);
            harness.advanceWallClock(Duration.ofMillis(100));

            List<ScoredLead> scores = harness.scores.readValuesToList();
            List<ScoredLead> shadowScores = harness.shadowScores.readValuesToList();
            List<String> ids = leads.stream().map(MqlEvent::getLeadId).toList();
            assertThat(scores).extracting(ScoredLead::getLeadId).containsExactlyElementsOf(ids);
            assertThat(scores).extracting(ScoredLead::getModelId).containsOnly(live.modelId());
            assertThat(shadowScores).extracting(ScoredLead::getLeadId).containsExactlyElementsOf(ids);
            assertThat(shadowScores).extracting(ScoredLead::getModelId).containsOnly(shadow.modelId());
            for (int i = 0; i < leads.size(); i++) {
                ScoredLead lead = shadowScores.get(i);
                assertThat(lead.getProbability()).as(lead.getLeadId())
                        .isCloseTo(expected.get(i).probability(), within(1e-5));
                assertThat(lead.getTier()).isEqualTo(expected.get(i).tier()).isNotNull();
                assertThat(lead.getPercentile()).isCloseTo(expected.get(i).percentile(), within(1e-3));
            }
            assertThat(harness.counter("leadscorer.shadow.scored")).isEqualTo(leads.size());
            assertThat(harness.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aShadowThatFailsCostsOnlyItsOwnScores() {
        FakeLeadScorer live = new FakeLeadScorer();
        LeadScorer withFailingShadow = new LeadScorer() {
            @Override
            public ScoredBatch score(List<MqlEvent> leads) {
                return live.score(leads);
            }

            @Override
            public PendingScores submit(List<MqlEvent> leads) {
                PendingScores pending = PendingScores.withShadow();
                pending.complete(live.score(leads), 1);
                pending.completeShadow(ShadowScores.failed("broken-shadow",
                        new IllegalStateException("the shadow ran out of memory")));
                return pending;
            }

            @Override
            public void close() {
            }
        };
        try (TopologyHarness harness = new TopologyHarness(TestSettings.withStateDir(stateDir)
                .batch(3, Duration.ofMillis(100)).build(), () -> withFailingShadow)) {
            List<MqlEvent> leads = Leads.leads("failing-shadow", 7, EVENT_TIME);
            leads.forEach(harness::send);
            harness.advanceWallClock(Duration.ofMillis(100));

            assertThat(harness.scores.readValuesToList()).extracting(ScoredLead::getLeadId)
                    .containsExactlyElementsOf(leads.stream().map(MqlEvent::getLeadId).toList());
            assertThat(harness.shadowScores.isEmpty()).isTrue();
            assertThat(harness.deadLetters.isEmpty()).isTrue();
            assertThat(harness.buffers.failedAttempts()).as("no hold").isZero();
            assertThat(harness.counter("leadscorer.shadow.dropped")).isEqualTo(leads.size());
            assertThat(harness.counter("leadscorer.records.scored")).isEqualTo(leads.size());
        }
    }
}
