package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import java.util.Optional;

/**
 * What a command puts on trial: the live model and the shadow beside it, which of the two is the challenger, and when
 * the trial ends by itself. A CANDIDATE challenges the live model until its shadow time is over (the shadow's
 * {@code until}, or the command's time plus the policy's longest shadow time, whichever comes first); during a guard
 * the newly live model is the challenger and the PREVIOUS shadow the baseline, until the guard ends.
 */
public record Trial(String liveModel, String shadowModel, ShadowRole role, long deadline) {

    /** The trial of a command, if it has a shadow. */
    public static Optional<Trial> of(ModelCommand command, RolloutPolicy policy) {
        ShadowModel shadow = command.getShadow();
        if (shadow == null) {
            return Optional.empty();
        }
        long until = shadow.getUntil().toEpochMilli();
        long deadline = shadow.getRole() == ShadowRole.CANDIDATE
                ? Math.min(until, saturatedAdd(command.getRequestedTime().toEpochMilli(), policy.getMaxShadowMs()))
                : until;
        return Optional.of(new Trial(command.getModelId(), shadow.getModelId(), shadow.getRole(), deadline));
    }

    public boolean isGuard() {
        return role == ShadowRole.PREVIOUS;
    }

    public String baseline() {
        return isGuard() ? shadowModel : liveModel;
    }

    public String challenger() {
        return isGuard() ? liveModel : shadowModel;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
