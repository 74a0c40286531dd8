package io.leadscorer.scorer.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The input's timestamp extractor: the record's own timestamp, or for a record without a valid one (negative, e.g.
 * written by an old client with no timestamp), the partition's stream time, or the wall clock when the partition has
 * none yet. Kafka Streams' default extractor fails the stream thread on such a record; the lead's event time is in
 * its value anyway, so it is scored like any other.
 */
public final class InvalidTimestampFallback implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
