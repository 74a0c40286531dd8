package io.leadscorer.trainer.data;

/**
 * Input the trainer cannot use at all (an unreadable file, a header without lead columns or label); the message says
 * what and where.
 */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
