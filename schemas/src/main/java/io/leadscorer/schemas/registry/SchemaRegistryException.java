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
    private final boolean registryAnswered;

    public SchemaRegistryException(String message, int status, int errorCode) {
        this(message, status, errorCode, true);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
        this.registryAnswered = false;
    }

    private SchemaRegistryException(String message, int status, int errorCode, boolean registryAnswered) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.registryAnswered = registryAnswered;
    }

    /**
     * An HTTP answer that did not come from a schema registry: a 200 whose body is not the registry's JSON, a
     * redirect, an HTML error page of a proxy. Says nothing about the data, so it counts as unavailable.
     */
    public static SchemaRegistryException notARegistryAnswer(String message, int status) {
        return new SchemaRegistryException(message, status, 0, false);
    }

    /** HTTP status of the error response; 0 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}; 0 when the response carried none. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * True when the registry answered that the subject, version or schema does not exist: HTTP 404 with one of
     * the registry's own 404xx error codes. A bare 404 (a proxy, a wrong base path: Confluent answers those with
     * error code 404) says nothing about the schema.
     */
    public boolean isNotFound() {
        return status == 404 && errorCode >= 40400 && errorCode < 40500;
    }

    /**
     * True when the registry gave no answer about the data: unreachable, redirected (3xx), refusing this client
     * (401, 403, 407), timing out (408), rate-limiting (429), failing (5xx), a 404 without a registry error code,
     * or an answer that is not the registry's. The record is not at fault, so a caller should retry or stop
     * rather than dead-letter it.
     */
    public boolean isUnavailable() {
        return !registryAnswered || status == 0 || (status >= 300 && status < 400) || status == 401 || status == 403
                || status == 407 || status == 408 || status == 429 || status >= 500 || (status == 404 && !isNotFound());
    }
}
