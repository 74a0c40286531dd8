package io.leadscorer.monitor.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutEvidence;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import io.leadscorer.monitor.rollout.Verdict.Decision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutCommandsTest {

    private static final long NOW = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
    private static final RolloutPolicy POLICY = RolloutJudgeTest.policy(RolloutMetric.LOG_LOSS);
    private static final RolloutEvidence EVIDENCE = RolloutEvidence.newBuilder().setMetric(RolloutMetric.LOG_LOSS)
            .setLiveModel("a").setChallengerModel("b").setLabelled(400).setPositives(50).setConfidence(0.95)
            .setMargin(0.002).setReason("because").build();

    private static ModelCommand current(ShadowRole role, long sequence) {
        return ModelCommand.newBuilder().setAction(ModelAction.SHADOW).setModelId("a").setBundleUri("file:///models/a")
                .setManifestSha256("aa").setSequence(sequence).setRequestedTime(Instant.ofEpochMilli(NOW - 1000))
                .setRequestedBy("operator").setPolicy(POLICY)
                .setShadow(ShadowModel.newBuilder().setModelId("b").setBundleUri("file:///models/b")
                        .setManifestSha256("bb").setRole(role).setUntil(Instant.ofEpochMilli(NOW + 5000)).build())
                .build();
    }

    @Test
    void aPromotionMakesTheCandidateLiveAndGuardsItWithThePreviousModel() {
        ModelCommand promote = RolloutCommands.of(new Verdict(Decision.PROMOTE, EVIDENCE),
                current(ShadowRole.CANDIDATE, 7), POLICY, NOW);
        assertThat(promote.getAction()).isEqualTo(ModelAction.PROMOTE);
        assertThat(promote.getModelId()).isEqualTo("b");
        assertThat(promote.getBundleUri()).isEqualTo("file:///models/b");
        assertThat(promote.getManifestSha256()).isEqualTo("bb");
        assertThat(promote.getShadow()).isEqualTo(ShadowModel.newBuilder().setModelId("a")
                .setBundleUri("file:///models/a").setManifestSha256("aa").setRole(ShadowRole.PREVIOUS)
                .setUntil(Instant.ofEpochMilli(NOW + 3_600_000)).build());
        assertThat(promote.getSequence()).isEqualTo(NOW);
        assertThat(promote.getRequestedTime()).isEqualTo(Instant.ofEpochMilli(NOW));
        assertThat(promote.getRequestedBy()).isEqualTo("monitor");
        assertThat(promote.getPolicy()).isEqualTo(POLICY);
        assertThat(promote.getEvidence()).isEqualTo(EVIDENCE);
    }

    @Test
    void withoutAGuardAPromotionLeavesNoShadow() {
        RolloutPolicy unguarded = RolloutPolicy.newBuilder(POLICY).setGuardMs(0).build();
        ModelCommand promote = RolloutCommands.of(new Verdict(Decision.PROMOTE, EVIDENCE),
                current(ShadowRole.CANDIDATE, 7), unguarded, NOW);
        assertThat(promote.getShadow()).isNull();
    }

    @Test
    void endingAShadowKeepsTheLiveModelAlone() {
        ModelCommand end = RolloutCommands.of(new Verdict(Decision.END_SHADOW, EVIDENCE),
                current(ShadowRole.CANDIDATE, NOW + 10), POLICY, NOW);
        assertThat(end.getAction()).isEqualTo(ModelAction.END_SHADOW);
        assertThat(end.getModelId()).isEqualTo("a");
        assertThat(end.getShadow()).isNull();
        assertThat(end.getSequence()).as("above a sequence from a clock ahead of ours").isEqualTo(NOW + 11);
    }

    @Test
    void aRollbackReturnsToThePreviousModelUnpinned() {
        ModelCommand guarded = ModelCommand.newBuilder(current(ShadowRole.PREVIOUS, 7)).setPinned(true).build();
        ModelCommand rollback = RolloutCommands.of(new Verdict(Decision.ROLLBACK, EVIDENCE), guarded, POLICY, NOW);
        assertThat(rollback.getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertThat(rollback.getModelId()).isEqualTo("b");
        assertThat(rollback.getBundleUri()).isEqualTo("file:///models/b");
        assertThat(rollback.getShadow()).isNull();
        assertThat(rollback.getPinned()).isFalse();
    }
}
