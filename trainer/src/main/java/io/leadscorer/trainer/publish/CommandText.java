package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How control commands read to an operator: in the publishing commands' answers, their refusals and `status`. */
public final class CommandText {

    private CommandText() {
    }

    /** The model the action is about: the new candidate of a SHADOW, otherwise the live model. */
    public static String subject(ModelCommand command) {
        return command.getAction() == ModelAction.SHADOW && command.getShadow() != null
                ? command.getShadow().getModelId() : command.getModelId();
    }

    /** What the command serves as of {@code now}, e.g. "live A, shadow B as CANDIDATE until ...". */
    public static String serving(ModelCommand command, Instant now) {
        return "live " + command.getModelId() + ", shadow " + shadow(command.getShadow(), now);
    }

    /** The shadow model, its role and end, e.g. "B as CANDIDATE until ..."; "none" without one. */
    public static String shadow(ShadowModel shadow, Instant now) {
        if (shadow == null) {
            return "none";
        }
        boolean running = shadow.getUntil().isAfter(now);
        return shadow.getModelId() + " as " + shadow.getRole()
                + (running ? " until " + shadow.getUntil() : " (ended " + shadow.getUntil() + ")");
    }

    /** Who pinned the deployment to which model and when, for a pinned command. */
    public static String pin(ModelCommand command) {
        return "pinned to " + command.getModelId() + " by " + command.getRequestedBy() + " at "
                + command.getRequestedTime() + " (" + command.getAction() + ")";
    }

    public static String policy(RolloutPolicy policy) {
        if (policy == null) {
            return "the monitor's defaults";
        }
        return String.format(Locale.ROOT, "%s, at least %d labelled and %d positives, margin %s at %s%% confidence, "
                        + "shadow at most %s, guard %s, PSI alarm %s, error-rate alarm %s", policy.getMetric(),
                policy.getMinLabelled(),
                policy.getMinPositives(), number(policy.getMargin()), percent(policy.getConfidence()),
                duration(policy.getMaxShadowMs()), policy.getGuardMs() > 0 ? duration(policy.getGuardMs()) : "none",
                number(policy.getPsiAlarm()), number(policy.getErrorRateAlarm()));
    }

    /** The comparison an automatic decision rests on, then its reason. */
    public static String evidence(RolloutEvidence evidence) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s of %s (live) and %s over %d labelled, "
                        + "%d positive", evidence.getMetric(), evidence.getLiveModel(), evidence.getChallengerModel(),
                evidence.getLabelled(), evidence.getPositives()));
        if (evidence.getLiveValue() != null && evidence.getChallengerValue() != null) {
            text.append(String.format(Locale.ROOT, ": %.4f against %.4f", evidence.getLiveValue(),
                    evidence.getChallengerValue()));
        }
        if (evidence.getImprovement() != null) {
            text.append(String.format(Locale.ROOT, ", improvement %.4f", evidence.getImprovement()));
            if (evidence.getLower() != null && evidence.getUpper() != null) {
                text.append(String.format(Locale.ROOT, " in [%.4f, %.4f] at %s%%", evidence.getLower(),
                        evidence.getUpper(), percent(evidence.getConfidence())));
            }
            text.append(", margin ").append(number(evidence.getMargin()));
        }
        if (evidence.getScorePsi() != null) {
            text.append(String.format(Locale.ROOT, ", score PSI %.3f", evidence.getScorePsi()));
        }
        if (evidence.getFailed() != null && evidence.getScored() != null && evidence.getErrorRate() != null) {
            text.append(String.format(Locale.ROOT, ", %d failed and %d scored, error rate %.4f", evidence.getFailed(),
                    evidence.getScored(), evidence.getErrorRate()));
        }
        return text.append(": ").append(evidence.getReason()).toString();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    private static String duration(long millis) {
        return Duration.ofMillis(millis).toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
