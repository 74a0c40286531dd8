package io.leadscorer.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Schema Registry answered, and refused the schema: 409 (incompatible with the subject's earlier versions under
 * its compatibility setting) or 422 (not a valid schema). Neither the record's fault nor an outage that passes by
 * itself: an operator has to change the subject's compatibility or its versions. Carries the subject and the
 * registry's own message.
 */
public class SchemaRejectedException extends SerializationException {

    private final String subject;
    private final int status;

    public SchemaRejectedException(String subject, int status, String message, Throwable cause) {
        super(message, cause);
        this.subject = subject;
        this.status = status;
    }

    /** The subject the schema was registered under, e.g. {@code mql.scores-value}. */
    public String subject() {
        return subject;
    }

    /** The registry's HTTP status: 409 or 422. */
    public int status() {
        return status;
    }
}
