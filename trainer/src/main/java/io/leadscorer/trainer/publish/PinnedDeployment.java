package io.leadscorer.trainer.publish;

/**
 * A DEPLOY, SHADOW or PROMOTE refused because a manual ROLLBACK pinned the deployment: the message names the pinned
 * model, who pinned it and when, and that {@code --unpin} overrides it. Its own exit code lets a scheduled retrain
 * fail visibly without undoing the rollback.
 */
public final class PinnedDeployment extends CommandRefused {
    public PinnedDeployment(String message) {
        super(message);
    }
}
