package io.leadscorer.scorer.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * An input record exactly as it arrived (key and value bytes, headers) with where it came from: what a buffered
 * lead keeps so that it can still be dead-lettered, byte for byte, when it is scored later.
 */
public record SourceRecord(byte[] key, byte[] value, List<Header> headers, String topic, int partition, long offset,
                           long timestamp) {

    public SourceRecord {
        headers = List.copyOf(headers);
    }

    /** The record being processed; the metadata is absent only for records not read from a topic. */
    public static SourceRecord of(Record<byte[], byte[]> record, RecordMetadata metadata) {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new RecordHeader(header.key(), header.value()));
        }
        return new SourceRecord(record.key(), record.value(), headers,
                metadata == null ? "" : metadata.topic(),
                metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1L : metadata.offset(),
                record.timestamp());
    }
}
