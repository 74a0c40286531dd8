package io.leadscorer.scorer.predict;

/**
 * Thrown by a {@link LeadScorer} when the batch could not be scored for a reason that is not the leads' fault: no
 * model is active yet, the model cannot be opened, the engine ran out of memory or lost its device. The leads must
 * be kept and retried, never dead-lettered as unscorable.
 */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
