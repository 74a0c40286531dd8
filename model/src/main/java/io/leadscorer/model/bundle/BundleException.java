package io.leadscorer.model.bundle;

/** A model bundle that cannot be written, read or trusted; the message names the bundle and the file. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
