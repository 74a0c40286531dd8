package io.leadscorer.monitor.rollout;

import static io.leadscorer.monitor.rollout.SyntheticLeads.Model.BLUNT;
import static io.leadscorer.monitor.rollout.SyntheticLeads.Model.SHARP;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.monitor.rollout.Verdict.Decision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RolloutJudgeTest {

    private static final long NOW = 1_000_000;
    private static final Trial SHADOW = new Trial("live", "candidate", ShadowRole.CANDIDATE, NOW + 60_000);
    private static final Trial GUARD = new Trial("new", "previous", ShadowRole.PREVIOUS, NOW + 60_000);

    static RolloutPolicy policy(RolloutMetric metric) {
        return RolloutPolicy.newBuilder().setMetric(metric).setMinLabelled(300).setMinPositives(30).setMargin(0.002)
                .setConfidence(0.95).setMaxShadowMs(86_400_000).setGuardMs(3_600_000).setPsiAlarm(0.25).build();
    }

    private static Verdict judge(Trial trial, RolloutMetric metric, List<PairedScore> pairs) {
        return RolloutJudge.judge(trial, policy(metric), pairs, Optional.empty(), Optional.empty(), Optional.empty(), NOW);
    }

    @ParameterizedTest
    @EnumSource(RolloutMetric.class)
    void aClearlyBetterCandidateIsPromoted(RolloutMetric metric) {
        Verdict verdict = judge(SHADOW, metric, SyntheticLeads.pairs(2000, BLUNT, SHARP, 1));
        assertThat(verdict.decision()).isEqualTo(Decision.PROMOTE);
        RolloutEvidence evidence = verdict.evidence();
        assertThat(evidence.getMetric()).isEqualTo(metric);
        assertThat(evidence.getLiveModel()).isEqualTo("live");
        assertThat(evidence.getChallengerModel()).isEqualTo("candidate");
        assertThat(evidence.getLabelled()).isEqualTo(2000);
        assertThat(evidence.getLower()).isGreaterThan(0.002);
        assertThat(evidence.getImprovement()).isBetween(evidence.getLower(), evidence.getUpper());
        assertThat(evidence.getConfidence()).isEqualTo(0.95);
        assertThat(evidence.getMargin()).isEqualTo(0.002);
        assertThat(evidence.getScorePsi()).isNull();
        assertThat(evidence.getReason()).startsWith("candidate better: " + metric + " improvement ")
                .endsWith("> margin 0.002 at 95%");
        if (metric == RolloutMetric.LOG_LOSS) {
            assertThat(evidence.getLiveValue()).isGreaterThan(evidence.getChallengerValue());
        } else {
            assertThat(evidence.getLiveValue()).isLessThan(evidence.getChallengerValue());
        }
    }

    @ParameterizedTest
    @EnumSource(RolloutMetric.class)
    void aClearlyWorseCandidateEndsItsShadow(RolloutMetric metric) {
        Verdict verdict = judge(SHADOW, metric, SyntheticLeads.pairs(2000, SHARP, BLUNT, 2));
        assertThat(verdict.decision()).isEqualTo(Decision.END_SHADOW);
        assertThat(verdict.evidence().getUpper()).isNegative();
        assertThat(verdict.evidence().getReason()).startsWith("candidate worse: ");
    }

    @ParameterizedTest
    @EnumSource(RolloutMetric.class)
    void modelsEqualWithinTheMarginWait(RolloutMetric metric) {
        List<PairedScore> pairs = SyntheticLeads.pairs(3000, SHARP, SHARP, 3);
        Verdict verdict = judge(SHADOW, metric, pairs);
        assertThat(verdict.decision()).isEqualTo(Decision.WAIT);
        assertThat(verdict.evidence().getLower()).isLessThan(0.002);
        assertThat(verdict.evidence().getUpper()).isPositive();
        assertThat(verdict.evidence().getReason()).startsWith("within the margin: ");
    }

    @Test
    void tooFewLabelledLeadsWaitHoweverGoodTheCandidateLooks() {
        Verdict verdict = judge(SHADOW, RolloutMetric.LOG_LOSS, SyntheticLeads.pairs(299, BLUNT, SHARP, 4));
        assertThat(verdict.decision()).isEqualTo(Decision.WAIT);
        assertThat(verdict.evidence().getLabelled()).isEqualTo(299);
        assertThat(verdict.evidence().getImprovement()).isNull();
        assertThat(verdict.evidence().getReason()).startsWith("too little evidence: 299 labelled of 300, ");
    }

    @Test
    void tooFewPositivesWait() {
        List<PairedScore> pairs = SyntheticLeads.pairs(2000, BLUNT, SHARP, 5).stream()
                .filter(pair -> !pair.converted()).toList();
        List<PairedScore> fewPositives = new java.util.ArrayList<>(pairs);
        fewPositives.addAll(SyntheticLeads.pairs(400, BLUNT, SHARP, 6).stream().filter(PairedScore::converted)
                .limit(29).toList());
        Verdict verdict = judge(SHADOW, RolloutMetric.AUC, fewPositives);
        assertThat(verdict.decision()).isEqualTo(Decision.WAIT);
        assertThat(verdict.evidence().getPositives()).isEqualTo(29);
    }

    @Test
    void aShadowWhoseTimeIsOverEndsWithTheEvidenceAsItStands() {
        Trial over = new Trial("live", "candidate", ShadowRole.CANDIDATE, NOW);
        Verdict verdict = judge(over, RolloutMetric.LOG_LOSS, SyntheticLeads.pairs(3000, SHARP, SHARP, 3));
        assertThat(verdict.decision()).isEqualTo(Decision.END_SHADOW);
        assertThat(verdict.evidence().getReason()).startsWith("shadow time over without a decision: LOG_LOSS");
        assertThat(verdict.evidence().getLower()).isNotNull();

        Verdict early = judge(over, RolloutMetric.LOG_LOSS, SyntheticLeads.pairs(10, SHARP, SHARP, 3));
        assertThat(early.decision()).isEqualTo(Decision.END_SHADOW);
        assertThat(early.evidence().getReason()).contains("too little evidence");
    }

    @ParameterizedTest
    @EnumSource(RolloutMetric.class)
    void aGuardedModelWorseThanThePreviousIsRolledBack(RolloutMetric metric) {
        Verdict verdict = judge(GUARD, metric, SyntheticLeads.pairs(2000, SHARP, BLUNT, 7));
        assertThat(verdict.decision()).isEqualTo(Decision.ROLLBACK);
        RolloutEvidence evidence = verdict.evidence();
        assertThat(evidence.getLiveModel()).as("the baseline of a guard: the previous model").isEqualTo("previous");
        assertThat(evidence.getChallengerModel()).isEqualTo("new");
        assertThat(evidence.getUpper()).isLessThan(-0.002);
        assertThat(evidence.getReason()).startsWith("new model worse than the previous: ");
    }

    @Test
    void aGuardedModelAsGoodAsThePreviousStays() {
        assertThat(judge(GUARD, RolloutMetric.LOG_LOSS, SyntheticLeads.pairs(2000, BLUNT, SHARP, 8)).decision())
                .isEqualTo(Decision.WAIT);
    }

    @Test
    void aGuardedModelWhoseScoresDriftedAloneIsRolledBackWithoutLabels() {
        Optional<ScoreDrift> drifted = Optional.of(new ScoreDrift("new", 500, 0.41));
        Optional<ScoreDrift> steady = Optional.of(new ScoreDrift("previous", 500, 0.03));
        Verdict verdict = RolloutJudge.judge(GUARD, policy(RolloutMetric.LOG_LOSS), List.of(), drifted, steady,
                Optional.empty(), NOW);
        assertThat(verdict.decision()).isEqualTo(Decision.ROLLBACK);
        assertThat(verdict.evidence().getScorePsi()).isEqualTo(0.41);
        assertThat(verdict.evidence().getLabelled()).isZero();
        assertThat(verdict.evidence().getReason()).isEqualTo("new model's scores drifted: score PSI 0.4100 > alarm"
                + " 0.25 over 500 scored leads, the previous model's 0.0300");
    }

    @Test
    void scoresThatDriftedForBothModelsOrTooFewScoresOrAnUnknownPreviousRaiseNoAlarm() {
        RolloutPolicy policy = policy(RolloutMetric.LOG_LOSS);
        Optional<ScoreDrift> drifted = Optional.of(new ScoreDrift("new", 500, 0.41));
        assertThat(RolloutJudge.judge(GUARD, policy, List.of(), drifted,
                Optional.of(new ScoreDrift("previous", 500, 0.3)), Optional.empty(), NOW).decision()).isEqualTo(Decision.WAIT);
        assertThat(RolloutJudge.judge(GUARD, policy, List.of(), Optional.of(new ScoreDrift("new", 299, 0.41)),
                Optional.of(new ScoreDrift("previous", 500, 0.03)), Optional.empty(), NOW).decision()).isEqualTo(Decision.WAIT);
        assertThat(RolloutJudge.judge(GUARD, policy, List.of(), drifted,
                Optional.of(new ScoreDrift("previous", 500, Double.NaN)), Optional.empty(), NOW).decision()).isEqualTo(Decision.WAIT);
        assertThat(RolloutJudge.judge(SHADOW, policy, List.of(), drifted,
                Optional.of(new ScoreDrift("live", 500, 0.03)), Optional.empty(), NOW).decision())
                .as("the alarm guards a newly live model, not a candidate").isEqualTo(Decision.WAIT);
    }

    @Test
    void aGuardedModelThatFailsToScoreTooManyLeadsIsRolledBackWithTheCountsAndTheRate() {
        Verdict verdict = RolloutJudge.judge(GUARD, policy(RolloutMetric.LOG_LOSS), List.of(), Optional.empty(),
                Optional.empty(), Optional.of(new ScoringErrors("new", 970, 30)), NOW);

        assertThat(verdict.decision()).isEqualTo(Decision.ROLLBACK);
        RolloutEvidence evidence = verdict.evidence();
        assertThat(evidence.getScored()).isEqualTo(970L);
        assertThat(evidence.getFailed()).isEqualTo(30L);
        assertThat(evidence.getErrorRate()).isEqualTo(0.03);
        assertThat(evidence.getScorePsi()).isNull();
        assertThat(evidence.getLiveModel()).isEqualTo("previous");
        assertThat(evidence.getChallengerModel()).isEqualTo("new");
        assertThat(evidence.getReason()).isEqualTo("new model fails to score: error rate 0.0300 > alarm 0.02, 30 failed"
                + " of 1000 leads");
    }

    @Test
    void aGuardedModelFailingBelowTheLineOrOnTooFewLeadsOrACandidateRaisesNoErrorAlarm() {
        RolloutPolicy policy = policy(RolloutMetric.LOG_LOSS);
        Verdict below = RolloutJudge.judge(GUARD, policy, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ScoringErrors("new", 985, 15)), NOW);
        assertThat(below.decision()).isEqualTo(Decision.WAIT);
        assertThat(below.evidence().getFailed()).isNull();
        assertThat(RolloutJudge.judge(GUARD, policy, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ScoringErrors("new", 980, 20)), NOW).decision())
                .as("at the line, not above it").isEqualTo(Decision.WAIT);
        assertThat(RolloutJudge.judge(GUARD, policy, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ScoringErrors("new", 200, 99)), NOW).decision())
                .as("299 leads, of the 300 the policy asks for").isEqualTo(Decision.WAIT);
        assertThat(RolloutJudge.judge(GUARD, policy, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ScoringErrors("new", 0, 400)), NOW).decision())
                .as("failures before any scored count was reported").isEqualTo(Decision.WAIT);
        assertThat(RolloutJudge.judge(SHADOW, policy, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ScoringErrors("candidate", 500, 500)), NOW).decision())
                .as("the alarm guards a newly live model, not a candidate").isEqualTo(Decision.WAIT);
    }

    @Test
    void theErrorAlarmLineIsThePolicys() {
        RolloutPolicy strict = RolloutPolicy.newBuilder(policy(RolloutMetric.LOG_LOSS)).setErrorRateAlarm(0.01).build();
        assertThat(RolloutJudge.judge(GUARD, strict, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new ScoringErrors("new", 985, 15)), NOW).decision()).isEqualTo(Decision.ROLLBACK);
    }

    @Test
    void aGuardThatIsOverDecidesNothing() {
        Trial over = new Trial("new", "previous", ShadowRole.PREVIOUS, NOW);
        assertThat(judge(over, RolloutMetric.LOG_LOSS, SyntheticLeads.pairs(2000, SHARP, BLUNT, 7)).decision())
                .isEqualTo(Decision.WAIT);
    }
}
