package io.leadscorer.schemas.registry;

/**
 * A failed Schema Registry call: either an error response, carrying the HTTP status and the registry's
 * {@code error_code} (for example 40403 "schema not found"), or no response at all (status 0), which
 * callers should treat as the registry being unavailable rather than the data being bad.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    /** HTTP status of the error response; 0 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}; 0 when the response carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry answered that the subject, version or schema does not exist. */
    public boolean isNotFound() {
        return status == 404;
    }

    /**
     * True when the registry gave no answer about the data: unreachable, refusing this client (401, 403),
     * rate-limiting (429) or failing (5xx). The record is not at fault, so a caller should retry or stop
     * rather than dead-letter it.
     */
    public boolean isUnavailable() {
        return status == 0 || status == 401 || status == 403 || status == 429 || status >= 500;
    }
}
