package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelAction;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.RolloutPolicy;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.avro.ShadowRole;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The command that follows a deployment's latest one. Every command states the fleet's whole serving state
 * (docs/ROLLOUTS.md), so each action is composed from what the latest command serves: a DEPLOY or PROMOTE keeps the
 * replaced live model in shadow for the guard, a SHADOW keeps the live model, a ROLLBACK pins. Refuses, with a
 * {@link CommandRefused}, what the state does not allow, and what a pin forbids unless told to unpin. Pure: the
 * caller reads the latest command and sends the result.
 */
public final class NextCommand {
    private final ModelCommand latest;
    private final String target;
    private final RolloutPolicy policy;
    private final Instant now;
    private final String requestedBy;
    private final boolean unpin;

    /**
     * @param latest      the deployment's newest command, if any
     * @param target      the deployment (the commands' key), for the messages
     * @param unpin       send DEPLOY, SHADOW or PROMOTE even on a pinned deployment, unpinning it
     */
    public NextCommand(Optional<ModelCommand> latest, String target, RolloutPolicy policy, Instant now,
                       String requestedBy, boolean unpin) {
        this.latest = latest.orElse(null);
        this.target = target;
        this.policy = policy;
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
        this.requestedBy = requestedBy;
        this.unpin = unpin;
    }

    /** The model whose scores go to mql.scores now. */
    public Optional<ModelRef> live() {
        return Optional.ofNullable(latest).map(ModelRef::live);
    }

    /** The shadow model of the latest command, unless its time has run out. */
    public Optional<ShadowModel> shadow() {
        return Optional.ofNullable(latest).map(ModelCommand::getShadow).filter(s -> s.getUntil().isAfter(now));
    }

    /** The bundle goes live at once; the replaced live model stays in shadow as PREVIOUS while the guard lasts. */
    public ModelCommand deploy(ModelRef bundle) {
        refuseWhilePinned("a DEPLOY of " + bundle.modelId());
        return command(ModelAction.DEPLOY, bundle, guardFor(bundle), false);
    }

    /** The live model stays; the bundle is scored beside it as CANDIDATE for at most the policy's shadow time. */
    public ModelCommand shadow(ModelRef candidate) {
        refuseWhilePinned("a SHADOW of " + candidate.modelId());
        ModelRef live = live().orElseThrow(() -> new CommandRefused(target + " has no live model yet: a first model "
                + "must be deployed (deploy --bundle " + candidate.bundleUri() + ") before another can be shadowed"));
        if (live.modelId().equals(candidate.modelId())) {
            throw new CommandRefused(candidate.modelId() + " is already live on " + target + ": nothing to shadow");
        }
        return command(ModelAction.SHADOW, live,
                shadowModel(candidate, ShadowRole.CANDIDATE, Duration.ofMillis(policy.getMaxShadowMs())), false);
    }

    /** The shadow candidate goes live; the replaced live model stays in shadow as PREVIOUS while the guard lasts. */
    public ModelCommand promote() {
        refuseWhilePinned("a PROMOTE");
        ShadowModel candidate = shadow().filter(s -> s.getRole() == ShadowRole.CANDIDATE)
                .orElseThrow(() -> new CommandRefused("no candidate in shadow on " + target + " to promote ("
                        + (latest == null ? "no command yet" : CommandText.serving(latest, now))
                        + "); deploy --bundle makes a bundle live directly"));
        ModelRef promoted = ModelRef.of(candidate);
        return command(ModelAction.PROMOTE, promoted, guardFor(promoted), false);
    }

    /** The shadow, candidate or guard, ends; the live model stays. */
    public ModelCommand endShadow() {
        shadow().orElseThrow(() -> new CommandRefused("no shadow on " + target + " to end ("
                + (latest == null ? "no command yet" : CommandText.serving(latest, now)) + ")"));
        return command(ModelAction.END_SHADOW, ModelRef.live(latest), null, latest.getPinned());
    }

    /** Returns to an earlier bundle with no shadow, and pins it there until an operator unpins. */
    public ModelCommand rollback(ModelRef earlier) {
        return command(ModelAction.ROLLBACK, earlier, null, true);
    }

    private ShadowModel guardFor(ModelRef newLive) {
        if (policy.getGuardMs() <= 0) {
            return null;
        }
        return live().filter(previous -> !previous.modelId().equals(newLive.modelId()))
                .map(previous -> shadowModel(previous, ShadowRole.PREVIOUS, Duration.ofMillis(policy.getGuardMs())))
                .orElse(null);
    }

    private void refuseWhilePinned(String command) {
        if (latest != null && latest.getPinned() && !unpin) {
            throw new PinnedDeployment(target + " is " + CommandText.pin(latest) + ": " + command
                    + " would undo that rollback; send it with --unpin to override the pin");
        }
    }

    private ShadowModel shadowModel(ModelRef model, ShadowRole role, Duration length) {
        return ShadowModel.newBuilder()
                .setModelId(model.modelId())
                .setBundleUri(model.bundleUri())
                .setManifestSha256(model.manifestSha256())
                .setRole(role)
                .setUntil(now.plus(length))
                .build();
    }

    private ModelCommand command(ModelAction action, ModelRef live, ShadowModel shadow, boolean pinned) {
        long sequence = Math.max(now.toEpochMilli(), latest == null ? 0 : latest.getSequence() + 1);
        return ModelCommand.newBuilder()
                .setAction(action)
                .setModelId(live.modelId())
                .setBundleUri(live.bundleUri())
                .setManifestSha256(live.manifestSha256())
                .setSequence(sequence)
                .setRequestedTime(now)
                .setRequestedBy(requestedBy)
                .setShadow(shadow)
                .setPolicy(policy)
                .setPinned(pinned)
                .setEvidence(null)
                .build();
    }
}
