package io.leadscorer.scorer.decode;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.schemas.registry.SchemaRegistryException;
import io.leadscorer.schemas.serde.RegistryUnavailableException;
import io.leadscorer.scorer.batch.SourceRecord;
import io.leadscorer.scorer.dlq.DeadLetterReason;
import io.leadscorer.scorer.dlq.RejectedLeadException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an input record into an {@link MqlEvent} or says, with a dead-letter reason, why it will not be scored.
 * Every failure that is the record's (over a bound, not wire format, unknown schema id, a writer schema Avro cannot
 * use, bad bytes, any exception at all from decoding it) is a {@link RejectedLeadException}. A registry that cannot
 * be reached, or answers as no registry would, is not the record's fault: that {@link RegistryUnavailableException}
 * is thrown as it is, and the caller keeps the record and retries.
 */
public final class LeadDecoder {

    private final Deserializer<MqlEvent> deserializer;
    private final int maxValueBytes;
    private final RecordLimits limits;

    public LeadDecoder(Deserializer<MqlEvent> deserializer, int maxValueBytes, RecordLimits limits) {
        this.deserializer = deserializer;
        this.maxValueBytes = maxValueBytes;
        this.limits = limits;
    }

    /**
     * Checks the bounds that need no decoding (key, headers, value size); throws {@link RejectedLeadException} for a
     * record over one. Cheap, and independent of the registry.
     */
    public void checkBounds(SourceRecord source) {
        if (source.key() != null && source.key().length > limits.maxKeyBytes()) {
            throw new RejectedLeadException(DeadLetterReason.KEY_TOO_LARGE,
                    "Key has " + source.key().length + " bytes, more than the limit of " + limits.maxKeyBytes());
        }
        if (source.headers().size() > limits.maxHeaders()) {
            throw new RejectedLeadException(DeadLetterReason.HEADERS_TOO_LARGE,
                    "Record has " + source.headers().size() + " headers, more than the limit of " + limits.maxHeaders());
        }
        long headerBytes = 0;
        for (Header header : source.headers()) {
            headerBytes += header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            throw new RejectedLeadException(DeadLetterReason.HEADERS_TOO_LARGE, "Headers have " + headerBytes
                    + " bytes (keys and values), more than the limit of " + limits.maxHeaderBytes());
        }
        byte[] value = source.value();
        if (value == null) {
            throw new RejectedLeadException(DeadLetterReason.UNDECODABLE, "Record has no value (null)");
        }
        if (value.length > maxValueBytes) {
            throw new RejectedLeadException(DeadLetterReason.VALUE_TOO_LARGE,
                    "Value has " + value.length + " bytes, more than the limit of " + maxValueBytes);
        }
    }

    /** The event of {@code source}; throws {@link RejectedLeadException} for a record that goes to the DLQ. */
    public MqlEvent decode(SourceRecord source) {
        checkBounds(source);
        MqlEvent event;
        try {
            event = deserializer.deserialize(source.topic(), source.value());
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (SerializationException e) {
            throw rejection(e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new RejectedLeadException(DeadLetterReason.UNDECODABLE, "Decoding failed: " + e, e);
        }
        if (event == null || event.getLeadId() == null || event.getLeadId().isBlank()) {
            throw new RejectedLeadException(DeadLetterReason.MISSING_LEAD_ID,
                    "MqlEvent has an empty lead id '" + (event == null ? null : event.getLeadId()) + "'");
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
