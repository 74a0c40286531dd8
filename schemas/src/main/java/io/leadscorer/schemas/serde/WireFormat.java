package io.leadscorer.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format's framing: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian),
 * then the Avro binary encoding. Subjects follow Confluent's TopicNameStrategy.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    static int schemaId(byte[] data) {
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** {@code <topic>-key} or {@code <topic>-value}. */
    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
