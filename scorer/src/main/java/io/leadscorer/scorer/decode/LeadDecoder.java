package io.leadscorer.scorer.decode;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.SchemaRegistryException;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import io.leadscorer.scorer.batch.SourceRecord;
import io.leadscorer.scorer.dlq.DeadLetterReason;
import io.leadscorer.scorer.dlq.RejectedLeadException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an input record into an {@link MqlEvent} or says, with a dead-letter reason, why it will not be scored.
 * A registry that cannot be reached is not the record's fault: that failure is thrown as it is, so the stream stops
 * and retries instead of dead-lettering good records.
 */
public final class LeadDecoder {

    private final Deserializer<MqlEvent> deserializer;
    private final int maxValueBytes;

    public LeadDecoder(Deserializer<MqlEvent> deserializer, int maxValueBytes) {
        this.deserializer = deserializer;
        this.maxValueBytes = maxValueBytes;
    }

    /** The event of {@code source}; throws {@link RejectedLeadException} for a record that goes to the DLQ. */
    public MqlEvent decode(SourceRecord source) {
        byte[] value = source.value();
        if (value == null) {
            throw new RejectedLeadException(DeadLetterReason.UNDECODABLE, "Record has no value (null)");
        }
        if (value.length > maxValueBytes) {
            throw new RejectedLeadException(DeadLetterReason.VALUE_TOO_LARGE,
                    "Value has " + value.length + " bytes, more than the limit of " + maxValueBytes);
        }
        MqlEvent event;
        try {
            event = deserializer.deserialize(source.topic(), value);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (SerializationException e) {
            throw rejection(e);
        }
        if (event.getLeadId() == null || event.getLeadId().isBlank()) {
            throw new RejectedLeadException(DeadLetterReason.MISSING_LEAD_ID,
                    "MqlEvent has an empty lead id '" + event.getLeadId() + "'");
        }
        return event;
    }

    private static RejectedLeadException rejection(SerializationException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registryFailure && registryFailure.isNotFound()) {
                return new RejectedLeadException(DeadLetterReason.UNKNOWN_SCHEMA, failure.getMessage(), failure);
            }
        }
        return new RejectedLeadException(DeadLetterReason.UNDECODABLE, failure.getMessage(), failure);
    }
}
