package io.leadscorer.schemas.serde;

import io.leadscorer.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns a registry failure into the serde's exception: retriable when the registry did not answer, a rejection
 * naming the subject when it refused the schema (409 incompatible, 422 invalid).
 */
final class RegistryFailures {

    private RegistryFailures() {
    }

    static SerializationException toSerializationException(String context, SchemaRegistryException e) {
        return toSerializationException(context, null, e);
    }

    static SerializationException toSerializationException(String context, String subject, SchemaRegistryException e) {
        if (e.isUnavailable()) {
            return new RegistryUnavailableException("Schema registry unavailable " + context + ": " + e.getMessage(), e);
        }
        if (subject != null && (e.status() == 409 || e.status() == 422)) {
            return new SchemaRejectedException(subject, e.status(), "Schema registry refused " + context + ": "
                    + e.getMessage(), e);
        }
        return new SerializationException(context + ": " + e.getMessage(), e);
    }
}
