package io.leadscorer.scorer.dlq;

import java.util.Optional;

/**
 * A lead the scorer will not score, with the dead-letter reason; the cause, when there is one, is the original
 * failure (its class is what the {@code dlq.error.class} header names). A lead the model failed on names that model
 * (the {@code dlq.model.id} header); a lead rejected before scoring names none.
 */
public final class RejectedLeadException extends RuntimeException {

    private final DeadLetterReason reason;
    private final String modelId;

    public RejectedLeadException(DeadLetterReason reason, String message) {
        this(reason, message, null, null);
    }

    public RejectedLeadException(DeadLetterReason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    /** A lead {@code modelId} failed on (null when the model is not known). */
    public RejectedLeadException(DeadLetterReason reason, String message, Throwable cause, String modelId) {
        super(message, cause);
        this.reason = reason;
        this.modelId = modelId;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** The model that failed on the lead, if it was a model's failure. */
    public Optional<String> modelId() {
        return Optional.ofNullable(modelId);
    }

    /** The failure the record is dead-lettered for: the original exception when there is one, this one otherwise. */
    public Throwable failure() {
        return getCause() != null ? getCause() : this;
    }
}
