package io.leadscorer.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutMetric;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-02T03:00:00Z");
    private static final Duration GUARD = Duration.ofHours(1);
    private static final Duration MAX_SHADOW = Duration.ofHours(24);
    private static final RolloutPolicy POLICY = policy(GUARD);

    private static final ModelRef A = model("A");
    private static final ModelRef B = model("B");
    private static final ModelRef C = model("C");

    @Test
    void aFirstDeployGoesLiveWithNoShadowAndThePolicy() {
        ModelCommand deploy = next(Optional.empty(), false).deploy(A);

        assertThat(deploy.getAction()).isEqualTo(ModelAction.DEPLOY);
        assertLive(deploy, A);
        assertThat(deploy.getShadow()).isNull();
        assertThat(deploy.getPolicy()).isEqualTo(POLICY);
        assertThat(deploy.getPinned()).isFalse();
        assertThat(deploy.getEvidence()).isNull();
        assertThat(deploy.getRequestedTime()).isEqualTo(NOW);
        assertThat(deploy.getRequestedBy()).isEqualTo("alice");
        assertThat(deploy.getSequence()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aDeployKeepsThePreviousLiveModelInShadowForTheGuard() {
        ModelCommand deploy = next(Optional.of(live(A)), false).deploy(B);

        assertLive(deploy, B);
        assertShadow(deploy, A, ShadowRole.PREVIOUS, NOW.plus(GUARD));
    }

    @Test
    void aDeployHasNoShadowWithoutAGuardOrWhenItRedeploysTheLiveModel() {
        ModelCommand unguarded = new NextCommand(Optional.of(live(A)), "lead-scorer", policy(Duration.ZERO), NOW,
                "alice", false).deploy(B);
        ModelCommand again = next(Optional.of(live(A)), false).deploy(A);

        assertLive(unguarded, B);
        assertThat(unguarded.getShadow()).isNull();
        assertLive(again, A);
        assertThat(again.getShadow()).isNull();
    }

    @Test
    void aShadowKeepsTheLiveModelAndScoresTheCandidateUntilTheLongestShadowTime() {
        ModelCommand shadow = next(Optional.of(live(A)), false).shadow(B);

        assertThat(shadow.getAction()).isEqualTo(ModelAction.SHADOW);
        assertLive(shadow, A);
        assertShadow(shadow, B, ShadowRole.CANDIDATE, NOW.plus(MAX_SHADOW));
    }

    @Test
    void aShadowNeedsALiveModelOtherThanTheCandidate() {
        assertThatThrownBy(() -> next(Optional.empty(), false).shadow(B)).isInstanceOf(CommandRefused.class)
                .hasMessageContaining("lead-scorer has no live model yet: a first model must be deployed");
        assertThatThrownBy(() -> next(Optional.of(live(A)), false).shadow(A)).isInstanceOf(CommandRefused.class)
                .hasMessageContaining("A is already live");
    }

    @Test
    void aPromotionMakesTheCandidateLiveAndGuardsWithThePreviousLiveModel() {
        ModelCommand shadowing = next(Optional.of(live(A)), false).shadow(B);

        ModelCommand promote = next(Optional.of(shadowing), false).promote();

        assertThat(promote.getAction()).isEqualTo(ModelAction.PROMOTE);
        assertLive(promote, B);
        assertShadow(promote, A, ShadowRole.PREVIOUS, NOW.plus(GUARD));
        assertThat(promote.getSequence()).isGreaterThan(shadowing.getSequence());
    }

    @Test
    void aPromotionNeedsACandidateWhoseShadowIsStillRunning() {
        ModelCommand guarded = next(Optional.of(live(A)), false).deploy(B);
        ModelCommand expired = withShadow(live(A), B, ShadowRole.CANDIDATE, NOW.minusSeconds(1));

        assertThatThrownBy(() -> next(Optional.of(guarded), false).promote()).isInstanceOf(CommandRefused.class)
                .hasMessageContaining("no candidate in shadow on lead-scorer to promote")
                .hasMessageContaining("shadow A as PREVIOUS until");
        assertThatThrownBy(() -> next(Optional.of(expired), false).promote()).isInstanceOf(CommandRefused.class)
                .hasMessageContaining("B as CANDIDATE (ended ");
        assertThatThrownBy(() -> next(Optional.empty(), false).promote()).isInstanceOf(CommandRefused.class)
                .hasMessageContaining("no command yet");
    }

    @Test
    void endingAShadowKeepsTheLiveModelAndNeedsAShadow() {
        ModelCommand shadowing = next(Optional.of(live(A)), false).shadow(B);

        ModelCommand ended = next(Optional.of(shadowing), false).endShadow();

        assertThat(ended.getAction()).isEqualTo(ModelAction.END_SHADOW);
        assertLive(ended, A);
        assertThat(ended.getShadow()).isNull();
        assertThatThrownBy(() -> next(Optional.of(ended), false).endShadow()).isInstanceOf(CommandRefused.class)
                .hasMessageContaining("no shadow on lead-scorer to end");
    }

    @Test
    void aRollbackPinsWithNoShadowAndOnlyAnUnpinningCommandGoesThrough() {
        ModelCommand shadowing = next(Optional.of(live(B)), false).shadow(C);
        ModelCommand rollback = next(Optional.of(shadowing), false).rollback(A);

        assertThat(rollback.getAction()).isEqualTo(ModelAction.ROLLBACK);
        assertLive(rollback, A);
        assertThat(rollback.getShadow()).isNull();
        assertThat(rollback.getPinned()).isTrue();

        NextCommand pinned = next(Optional.of(rollback), false);
        assertThatThrownBy(() -> pinned.deploy(C)).isInstanceOf(PinnedDeployment.class)
                .hasMessage("lead-scorer is pinned to A by alice at " + NOW + " (ROLLBACK): a DEPLOY of C would undo "
                        + "that rollback; send it with --unpin to override the pin");
        assertThatThrownBy(() -> pinned.shadow(C)).isInstanceOf(PinnedDeployment.class)
                .hasMessageContaining("a SHADOW of C would undo");
        assertThatThrownBy(pinned::promote).isInstanceOf(PinnedDeployment.class)
                .hasMessageContaining("a PROMOTE would undo");
        assertThat(next(Optional.of(rollback), false).rollback(B).getPinned()).isTrue();

        ModelCommand unpinned = next(Optional.of(rollback), true).shadow(C);
        assertLive(unpinned, A);
        assertShadow(unpinned, C, ShadowRole.CANDIDATE, NOW.plus(MAX_SHADOW));
        assertThat(unpinned.getPinned()).isFalse();
        assertThat(next(Optional.of(unpinned), false).deploy(C).getPinned()).isFalse();
    }

    @Test
    void theSequenceIsAboveTheLatestEvenWhenTheClockIsBehindIt() {
        ModelCommand ahead = live(A);
        ahead.setSequence(NOW.toEpochMilli() + 5000);

        assertThat(next(Optional.of(ahead), false).shadow(B).getSequence()).isEqualTo(NOW.toEpochMilli() + 5001);
    }

    private static NextCommand next(Optional<ModelCommand> latest, boolean unpin) {
        return new NextCommand(latest, "lead-scorer", POLICY, NOW.plusNanos(123_456), "alice", unpin);
    }

    private static ModelCommand live(ModelRef model) {
        return new NextCommand(Optional.empty(), "lead-scorer", POLICY, NOW.minus(Duration.ofDays(7)), "trainer", false)
                .deploy(model);
    }

    private static ModelCommand withShadow(ModelCommand command, ModelRef model, ShadowRole role, Instant until) {
        command.setShadow(ShadowModel.newBuilder().setModelId(model.modelId()).setBundleUri(model.bundleUri())
                .setManifestSha256(model.manifestSha256()).setRole(role).setUntil(until).build());
        return command;
    }

    private static void assertLive(ModelCommand command, ModelRef model) {
        assertThat(ModelRef.live(command)).isEqualTo(model);
    }

    private static void assertShadow(ModelCommand command, ModelRef model, ShadowRole role, Instant until) {
        assertThat(command.getShadow()).isNotNull();
        assertThat(ModelRef.of(command.getShadow())).isEqualTo(model);
        assertThat(command.getShadow().getRole()).isEqualTo(role);
        assertThat(command.getShadow().getUntil()).isEqualTo(until);
    }

    private static ModelRef model(String id) {
        return new ModelRef(id, "file:///models/" + id + "/", id.repeat(64).substring(0, 64));
    }

    private static RolloutPolicy policy(Duration guard) {
        return RolloutPolicy.newBuilder().setMetric(RolloutMetric.LOG_LOSS).setMinLabelled(300).setMinPositives(30)
                .setMargin(0.002).setConfidence(0.95).setMaxShadowMs(MAX_SHADOW.toMillis())
                .setGuardMs(guard.toMillis()).setPsiAlarm(0.25).build();
    }
}
