package io.leadscorer.scorer.dlq;

import io.leadscorer.scorer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds the dead-letter record of a rejected input: the original key and value bytes and headers, plus headers
 * naming the error and where the record came from, so it can be inspected and replayed.
 */
public final class DeadLetters {

    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ERROR_REASON = "dlq.error.reason";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";

    private DeadLetters() {
    }

    public static Record<byte[], byte[]> of(SourceRecord source, RejectedLeadException rejection) {
        Throwable failure = rejection.failure();
        Headers headers = new RecordHeaders(source.headers());
        put(headers, ERROR_CLASS, failure.getClass().getName());
        put(headers, ERROR_MESSAGE, Objects.toString(failure.getMessage(), failure.getClass().getSimpleName()));
        put(headers, ERROR_REASON, rejection.reason().tag());
        put(headers, SOURCE_TOPIC, source.topic());
        put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
        put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        put(headers, SOURCE_TIMESTAMP, Long.toString(source.timestamp()));
        return new Record<>(source.key(), source.value(), source.timestamp(), headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
