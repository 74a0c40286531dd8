package io.leadscorer.schemas.serde;

import io.leadscorer.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/** Turns a registry failure into the serde's exception: retriable when the registry did not answer. */
final class RegistryFailures {

    private RegistryFailures() {
    }

    static SerializationException toSerializationException(String context, SchemaRegistryException e) {
        if (e.isUnavailable()) {
            return new RegistryUnavailableException("Schema registry unavailable " + context + ": " + e.getMessage(), e);
        }
        return new SerializationException(context + ": " + e.getMessage(), e);
    }
}
