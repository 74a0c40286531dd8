package io.leadscorer.monitor.rollout;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import java.time.Instant;

/**
 * Turns a decision on the current command into the command that states the fleet's next whole state: PROMOTE makes
 * the candidate live and keeps the replaced model in shadow as PREVIOUS until the guard ends (no shadow without a
 * guard); END_SHADOW keeps the live model alone; ROLLBACK returns to the PREVIOUS model, alone and unpinned. The
 * policy is carried over, the sequence is above the current command's.
 */
public final class RolloutCommands {

    public static final String REQUESTED_BY = "monitor";

    private RolloutCommands() {
    }

    public static ModelCommand of(Verdict verdict, ModelCommand current, RolloutPolicy policy, long now) {
        ShadowModel shadow = current.getShadow();
        ModelCommand.Builder next = ModelCommand.newBuilder(current)
                .setSequence(Math.max(now, current.getSequence() + 1))
                .setRequestedTime(Instant.ofEpochMilli(now))
                .setRequestedBy(REQUESTED_BY)
                .setShadow(null)
                .setEvidence(verdict.evidence());
        return switch (verdict.decision()) {
            case PROMOTE -> next.setAction(ModelAction.PROMOTE)
                    .setModelId(shadow.getModelId())
                    .setBundleUri(shadow.getBundleUri())
                    .setManifestSha256(shadow.getManifestSha256())
                    .setShadow(policy.getGuardMs() > 0 ? ShadowModel.newBuilder()
                            .setModelId(current.getModelId())
                            .setBundleUri(current.getBundleUri())
                            .setManifestSha256(current.getManifestSha256())
                            .setRole(ShadowRole.PREVIOUS)
                            .setUntil(Instant.ofEpochMilli(now + policy.getGuardMs()))
                            .build() : null)
                    .build();
            case END_SHADOW -> next.setAction(ModelAction.END_SHADOW).build();
            case ROLLBACK -> next.setAction(ModelAction.ROLLBACK)
                    .setModelId(shadow.getModelId())
                    .setBundleUri(shadow.getBundleUri())
                    .setManifestSha256(shadow.getManifestSha256())
                    .setPinned(false)
                    .build();
            case WAIT -> throw new IllegalArgumentException("waiting is no command");
        };
    }
}
