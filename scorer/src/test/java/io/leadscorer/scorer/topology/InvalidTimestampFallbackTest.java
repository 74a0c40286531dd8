package io.leadscorer.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class InvalidTimestampFallbackTest {

    private static ConsumerRecord<Object, Object> withTimestamp(long timestamp) {
        return new ConsumerRecord<>("mql.events", 0, 0, timestamp,
                timestamp < 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME, 0, 0, null, null,
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void keepsAValidTimestamp() {
        assertThat(new InvalidTimestampFallback().extract(withTimestamp(1_700_000_000_000L), 5)).isEqualTo(1_700_000_000_000L);
        assertThat(new InvalidTimestampFallback().extract(withTimestamp(0), 5)).isZero();
    }

    @Test
    void givesARecordWithoutATimestampThePartitionTimeOrTheWallClock() {
        assertThat(new InvalidTimestampFallback().extract(withTimestamp(-1), 1_234)).isEqualTo(1_234);
        long before = System.currentTimeMillis();
        assertThat(new InvalidTimestampFallback().extract(withTimestamp(-7), -1)).isGreaterThanOrEqualTo(before);
    }
}
