package io.leadscorer.monitor.label;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the store that orders leads by the time the monitor may forget them: the expiry time with its sign bit
 * flipped, big-endian (so byte order is time order for every long), then the lead id. A scan from the start up to
 * the current time finds exactly the leads due.
 */
final class ExpiryIndex {

    private ExpiryIndex() {
    }

    static Bytes key(long expiry, String leadId) {
        byte[] id = leadId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(expiry ^ Long.MIN_VALUE).put(id).array());
    }

    static long expiry(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE;
    }

    static String leadId(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
