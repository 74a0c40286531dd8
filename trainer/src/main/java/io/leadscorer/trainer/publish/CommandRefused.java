package io.leadscorer.trainer.publish;

/**
 * A command the deployment's current state does not allow (a shadow with no live model, a promotion with no
 * candidate, ...): nothing was sent, and the message says what the state is and what to do instead.
 */
public class CommandRefused extends RuntimeException {
    public CommandRefused(String message) {
        super(message);
    }
}
