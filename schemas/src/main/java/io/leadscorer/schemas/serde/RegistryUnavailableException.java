package io.leadscorer.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A serde failure caused by the Schema Registry, not by the record: unreachable, refusing this client
 * (401, 403), rate-limiting (429) or failing (5xx). Still a {@link SerializationException}, but one a
 * caller should retry or stop on rather than dead-letter the record.
 */
public class RegistryUnavailableException extends SerializationException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
