package io.leadscorer.scorer.dlq;

/**
 * A lead the scorer will not score, with the dead-letter reason; the cause, when there is one, is the original
 * failure (its class is what the {@code dlq.error.class} header names).
 */
public final class RejectedLeadException extends RuntimeException {

    private final DeadLetterReason reason;

    public RejectedLeadException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectedLeadException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** The failure the record is dead-lettered for: the original exception when there is one, this one otherwise. */
    public Throwable failure() {
        return getCause() != null ? getCause() : this;
    }
}
