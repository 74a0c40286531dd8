package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.monitor.rollout.Verdict.Decision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a trial on the policy's terms, from the labelled leads both models scored and from the two models' score
 * drift. A candidate is promoted when the lower end of its improvement's interval is above the margin, dismissed when
 * the upper end is below zero (worse with confidence) or when its shadow time is over; anything else waits, and so does
 * everything before the policy's minimum labelled leads and positives. During a guard the new model is rolled back
 * when the upper end of its improvement over the previous model is below minus the margin, or, without labels, when
 * its live scores have drifted from its own validation scores past the alarm line while the previous model's have not
 * (the inputs moving would move both), once it has scored as many leads as the policy's minimum labelled, or when it
 * fails to score more of its leads than the error alarm line, once it has failed and scored that many together and its
 * scored count has been reported (the failures come straight from the dead letters, the scored count with the
 * quality figures, later).
 */
public final class RolloutJudge {

    private RolloutJudge() {
    }

    public static Verdict judge(Trial trial, RolloutPolicy policy, List<PairedScore> pairs,
                                Optional<ScoreDrift> challengerDrift, Optional<ScoreDrift> baselineDrift,
                                Optional<ScoringErrors> challengerErrors, long now) {
        long labelled = pairs.size();
        long positives = pairs.stream().filter(PairedScore::converted).count();
        boolean enough = labelled >= policy.getMinLabelled() && positives >= policy.getMinPositives()
                && positives < labelled;
        boolean over = now >= trial.deadline();
        if (trial.isGuard() && over) {
            return Verdict.waiting(evidence(trial, policy, counted(labelled, positives), null, "the guard is over"));
        }
        Comparison comparison = enough || over
                ? PairedComparison.of(policy.getMetric()).compare(pairs, policy.getConfidence())
                : counted(labelled, positives);
        boolean tested = enough && comparison.hasInterval();
        double margin = policy.getMargin();
        String interval = tested ? interval(comparison, policy) : "";
        if (!trial.isGuard()) {
            if (tested && comparison.lower() > margin) {
                return decide(Decision.PROMOTE, trial, policy, comparison, "candidate better: " + interval
                        + " > margin " + number(margin) + " at " + percent(policy));
            }
            if (tested && comparison.upper() < 0) {
                return decide(Decision.END_SHADOW, trial, policy, comparison, "candidate worse: " + interval
                        + " < 0 at " + percent(policy));
            }
            if (over) {
                return decide(Decision.END_SHADOW, trial, policy, comparison, "shadow time over without a decision: "
                        + (tested ? interval(comparison, policy) + " at " + percent(policy) : shortOf(comparison, policy)));
            }
        } else {
            if (tested && comparison.upper() < -margin) {
                return decide(Decision.ROLLBACK, trial, policy, comparison, "new model worse than the previous: "
                        + interval + " < -margin " + number(margin) + " at " + percent(policy));
            }
            Optional<Verdict> alarm = errorAlarm(trial, policy, comparison, challengerErrors)
                    .or(() -> scoreAlarm(trial, policy, comparison, challengerDrift, baselineDrift));
            if (alarm.isPresent()) {
                return alarm.get();
            }
        }
        return Verdict.waiting(evidence(trial, policy, comparison, null, tested
                ? "within the margin: " + interval + " at " + percent(policy)
                : shortOf(comparison, policy)));
    }

    private static Optional<Verdict> errorAlarm(Trial trial, RolloutPolicy policy, Comparison comparison,
                                                Optional<ScoringErrors> challengerErrors) {
        if (challengerErrors.isEmpty()) {
            return Optional.empty();
        }
        ScoringErrors errors = challengerErrors.get();
        double alarm = policy.getErrorRateAlarm();
        if (errors.scored() == 0 || errors.leads() < policy.getMinLabelled() || !(errors.rate() > alarm)) {
            return Optional.empty();
        }
        String reason = String.format(Locale.ROOT, "new model fails to score: error rate %.4f > alarm %s, %d failed"
                + " of %d leads", errors.rate(), number(alarm), errors.failed(), errors.leads());
        RolloutEvidence evidence = RolloutEvidence.newBuilder(evidence(trial, policy, comparison, null, reason))
                .setScored(errors.scored()).setFailed(errors.failed()).setErrorRate(errors.rate()).build();
        return Optional.of(new Verdict(Decision.ROLLBACK, evidence));
    }

    private static Optional<Verdict> scoreAlarm(Trial trial, RolloutPolicy policy, Comparison comparison,
                                                Optional<ScoreDrift> challengerDrift,
                                                Optional<ScoreDrift> baselineDrift) {
        if (challengerDrift.isEmpty() || baselineDrift.isEmpty()) {
            return Optional.empty();
        }
        ScoreDrift moved = challengerDrift.get();
        double previous = baselineDrift.get().psi();
        double alarm = policy.getPsiAlarm();
        if (moved.scored() < policy.getMinLabelled() || !(moved.psi() > alarm) || !(previous <= alarm)) {
            return Optional.empty();
        }
        String reason = String.format(Locale.ROOT, "new model's scores drifted: score PSI %.4f > alarm %s over %d"
                + " scored leads, the previous model's %.4f", moved.psi(), number(alarm), moved.scored(), previous);
        return Optional.of(new Verdict(Decision.ROLLBACK, evidence(trial, policy, comparison, moved.psi(), reason)));
    }

    private static Verdict decide(Decision decision, Trial trial, RolloutPolicy policy, Comparison comparison,
                                  String reason) {
        return new Verdict(decision, evidence(trial, policy, comparison, null, reason));
    }

    private static RolloutEvidence evidence(Trial trial, RolloutPolicy policy, Comparison comparison, Double scorePsi,
                                            String reason) {
        return RolloutEvidence.newBuilder()
                .setMetric(policy.getMetric())
                .setLiveModel(trial.baseline())
                .setChallengerModel(trial.challenger())
                .setLabelled(comparison.labelled())
                .setPositives(comparison.positives())
                .setLiveValue(orNull(comparison.baselineValue()))
                .setChallengerValue(orNull(comparison.challengerValue()))
                .setImprovement(orNull(comparison.improvement()))
                .setLower(orNull(comparison.lower()))
                .setUpper(orNull(comparison.upper()))
                .setConfidence(policy.getConfidence())
                .setMargin(policy.getMargin())
                .setScorePsi(scorePsi)
                .setReason(reason)
                .build();
    }

    private static Comparison counted(long labelled, long positives) {
        return new Comparison(labelled, positives, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static String shortOf(Comparison comparison, RolloutPolicy policy) {
        return String.format(Locale.ROOT, "too little evidence: %d labelled of %d, %d positives of %d",
                comparison.labelled(), policy.getMinLabelled(), comparison.positives(), policy.getMinPositives());
    }

    private static String interval(Comparison comparison, RolloutPolicy policy) {
        return String.format(Locale.ROOT, "%s improvement %.4f in [%.4f, %.4f]", policy.getMetric(),
                comparison.improvement(), comparison.lower(), comparison.upper());
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String percent(RolloutPolicy policy) {
        return BigDecimal.valueOf(policy.getConfidence() * 100).round(new MathContext(6)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
