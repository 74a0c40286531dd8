package io.leadscorer.scorer.control;

/** A control command whose bundle may not be served; the message is the reason published as REJECTED. */
public class RejectedBundleException extends RuntimeException {

    public RejectedBundleException(String reason) {
        super(reason);
    }

    public RejectedBundleException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
