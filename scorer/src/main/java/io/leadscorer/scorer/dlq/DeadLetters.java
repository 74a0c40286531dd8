package io.leadscorer.scorer.dlq;

import io.leadscorer.scorer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds the dead-letter record of a rejected input: the original key and value bytes and headers, plus headers
 * naming the error, where the record came from and, when a model failed on it, that model, so it can be inspected
 * and replayed and the monitor can count each model's failures. A dead letter larger than
 * the configured maximum is truncated to fit the topic: the original headers go first, then the value and the key
 * are cut, and {@code dlq.truncated} with the original sizes says so. Error messages are cut to 1 KiB.
 */
public final class DeadLetters {

    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ERROR_REASON = "dlq.error.reason";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    /** Present only on a lead a model failed on: that model's id. */
    public static final String MODEL_ID = "dlq.model.id";
    /** Present ("true") only on a truncated dead letter. */
    public static final String TRUNCATED = "dlq.truncated";
    public static final String ORIGINAL_KEY_BYTES = "dlq.original.key.bytes";
    public static final String ORIGINAL_VALUE_BYTES = "dlq.original.value.bytes";
    public static final String ORIGINAL_HEADER_COUNT = "dlq.original.header.count";

    private static final int MAX_MESSAGE_CHARS = 1024;
    /** Record overhead the broker counts besides key, value and headers (batch header, varints), with room to spare. */
    private static final int RECORD_OVERHEAD = 256;

    private DeadLetters() {
    }

    /** The dead letter of {@code source}, at most {@code maxBytes} (key, value, headers and record overhead). */
    public static Record<byte[], byte[]> of(SourceRecord source, RejectedLeadException rejection, long timestampMs,
                                            int maxBytes) {
        Throwable failure = rejection.failure();
        Headers errorHeaders = new RecordHeaders();
        put(errorHeaders, ERROR_CLASS, failure.getClass().getName());
        put(errorHeaders, ERROR_MESSAGE, abbreviate(Objects.toString(failure.getMessage(), failure.getClass().getSimpleName())));
        put(errorHeaders, ERROR_REASON, rejection.reason().tag());
        put(errorHeaders, SOURCE_TOPIC, source.topic());
        put(errorHeaders, SOURCE_PARTITION, Integer.toString(source.partition()));
        put(errorHeaders, SOURCE_OFFSET, Long.toString(source.offset()));
        put(errorHeaders, SOURCE_TIMESTAMP, Long.toString(source.timestamp()));
        rejection.modelId().ifPresent(model -> put(errorHeaders, MODEL_ID, model));

        byte[] key = source.key();
        byte[] value = source.value();
        long originalSize = RECORD_OVERHEAD + length(key) + length(value) + size(source.headers()) + size(errorHeaders) + 512;
        Headers headers = new RecordHeaders();
        if (originalSize <= maxBytes) {
            source.headers().forEach(headers::add);
        } else {
            put(errorHeaders, TRUNCATED, "true");
            put(errorHeaders, ORIGINAL_KEY_BYTES, Integer.toString(length(key)));
            put(errorHeaders, ORIGINAL_VALUE_BYTES, Integer.toString(length(value)));
            put(errorHeaders, ORIGINAL_HEADER_COUNT, Integer.toString(source.headers().size()));
            long room = Math.max(0, maxBytes - RECORD_OVERHEAD - size(errorHeaders));
            key = cut(key, Math.min(room / 4, length(key)));
            value = cut(value, room - length(key));
        }
        headers.remove(MODEL_ID); // a replayed dead letter's, which this failure may not be
        for (Header header : errorHeaders) {
            headers.remove(header.key());
            headers.add(header);
        }
        return new Record<>(key, value, timestampMs, headers);
    }

    private static byte[] cut(byte[] bytes, long length) {
        if (bytes == null || bytes.length <= length) {
            return bytes;
        }
        return Arrays.copyOf(bytes, (int) Math.max(0, length));
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static long size(Iterable<Header> headers) {
        long size = 0;
        for (Header header : headers) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value()) + 10;
        }
        return size;
    }

    private static String abbreviate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
