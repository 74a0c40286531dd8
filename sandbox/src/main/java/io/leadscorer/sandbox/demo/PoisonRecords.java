package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.MqlEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The records a scorer must dead-letter, one of each kind the demo checks: bytes that are not the wire format, a
 * wire-format record whose schema id the registry does not know, and an event without a lead id. Each carries the
 * header {@value #HEADER} naming it; the DLQ keeps the original headers, so the tally can find them there.
 */
public final class PoisonRecords {

    public static final String HEADER = "sandbox.poison";
    public static final List<String> KINDS = List.of("undecodable", "unknown-schema-id", "missing-lead-id");
    private static final int UNKNOWN_SCHEMA_ID = 987_654;

    private PoisonRecords() {
    }

    /** The three records for {@code topic}; {@code serialize} writes an event in the wire format. */
    public static List<ProducerRecord<String, byte[]>> forTopic(String topic, Function<MqlEvent, byte[]> serialize) {
        byte[] undecodable = "this is not Avro in the Confluent wire format".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = ByteBuffer.allocate(1 + 4 + 8).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID)
                .putLong(42).array();
        byte[] noLeadId = serialize.apply(MqlEvent.newBuilder().setLeadId("").setEventTime(Instant.now()).build());
        return List.of(
                record(topic, "poison-undecodable", undecodable, KINDS.get(0)),
                record(topic, "poison-unknown-schema", unknownSchema, KINDS.get(1)),
                record(topic, "poison-missing-lead-id", noLeadId, KINDS.get(2)));
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value, String kind) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(new RecordHeader(HEADER, kind.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
