package io.leadscorer.scorer.decode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscorer.avro.MqlEvent;
import io.leadscorer.scorer.batch.SourceRecord;
import io.leadscorer.scorer.dlq.DeadLetterReason;
import io.leadscorer.scorer.dlq.RejectedLeadException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** Bounds checked before any decoding, and any exception from the deserializer as a dead-letter reason. */
class LeadDecoderTest {

    private static final RecordLimits LIMITS = new RecordLimits(8, 2, 20, 900_000);

    private static LeadDecoder decoder(Deserializer<MqlEvent> deserializer) {
        return new LeadDecoder(deserializer, 100, LIMITS);
    }

    private static SourceRecord record(byte[] key, List<Header> headers, byte[] value) {
        return new SourceRecord(key, value, headers, "mql.events", 0, 0, 0);
    }

    private static void assertRejected(SourceRecord record, DeadLetterReason reason) {
        assertThatThrownBy(() -> decoder((t, d) -> {
            throw new AssertionError("must not be decoded");
        }).decode(record)).isInstanceOfSatisfying(RejectedLeadException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void rejectsKeysHeadersAndValuesOverTheirBoundsUnread() {
        assertRejected(record(new byte[9], List.of(), new byte[10]), DeadLetterReason.KEY_TOO_LARGE);
        List<Header> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new RecordHeader("h" + i, new byte[1]));
        }
        assertRejected(record(new byte[1], three, new byte[10]), DeadLetterReason.HEADERS_TOO_LARGE);
        assertRejected(record(new byte[1], List.of(new RecordHeader("big", new byte[18])), new byte[10]),
                DeadLetterReason.HEADERS_TOO_LARGE);
        assertRejected(record(new byte[1], List.of(), new byte[101]), DeadLetterReason.VALUE_TOO_LARGE);
        assertRejected(record(new byte[1], List.of(), null), DeadLetterReason.UNDECODABLE);
    }

    @Test
    void anyExceptionOrErrorFromTheDeserializerIsADeadLetterReason() {
        SourceRecord ok = record(new byte[1], List.of(new RecordHeader("h", new byte[2])), new byte[10]);
        assertThatThrownBy(() -> decoder((t, d) -> {
            throw new ClassCastException("bad logical type");
        }).decode(ok)).isInstanceOfSatisfying(RejectedLeadException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE));
        assertThatThrownBy(() -> decoder((t, d) -> {
            throw new StackOverflowError();
        }).decode(ok)).isInstanceOf(RejectedLeadException.class);
        assertThatThrownBy(() -> decoder((t, d) -> null).decode(ok)).isInstanceOfSatisfying(RejectedLeadException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_LEAD_ID));
    }
}
