package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class BufferedLeadSerdeTest {

    private final BufferedLeadSerde serde = new BufferedLeadSerde();

    private BufferedLead roundTrip(BufferedLead lead) {
        return serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", lead));
    }

    @Test
    void keepsEveryByteHeaderAndCoordinate() {
        SourceRecord source = new SourceRecord("lead-7".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 42},
                List.of(new RecordHeader("trace", "t1".getBytes(StandardCharsets.UTF_8)), new RecordHeader("empty", null)),
                "mql.events", 3, 123_456_789_012L, 1_700_000_000_000L);

        BufferedLead back = roundTrip(new BufferedLead(source, 1_700_000_000_500L));

        assertThat(back.bufferedAtMs()).isEqualTo(1_700_000_000_500L);
        SourceRecord copy = back.source();
        assertThat(copy.key()).isEqualTo(source.key());
        assertThat(copy.value()).isEqualTo(source.value());
        assertThat(copy.topic()).isEqualTo("mql.events");
        assertThat(copy.partition()).isEqualTo(3);
        assertThat(copy.offset()).isEqualTo(123_456_789_012L);
        assertThat(copy.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(copy.headers()).hasSize(2);
        assertThat(copy.headers().get(0).key()).isEqualTo("trace");
        assertThat(copy.headers().get(0).value()).isEqualTo("t1".getBytes(StandardCharsets.UTF_8));
        assertThat(copy.headers().get(1).key()).isEqualTo("empty");
        assertThat(copy.headers().get(1).value()).isNull();
    }

    @Test
    void keepsANullKeyAndValue() {
        BufferedLead back = roundTrip(new BufferedLead(new SourceRecord(null, null, List.of(), "t", 0, 1, 2), 3));

        assertThat(back.source().key()).isNull();
        assertThat(back.source().value()).isNull();
    }

    @Test
    void readsAnUnknownFormatVersionAsAnUnreadableLeadInsteadOfThrowing() {
        byte[] stored = {9, 0, 0};
        BufferedLead back = serde.deserializer().deserialize("changelog", stored);

        assertThat(back.readable()).isFalse();
        assertThat(back.damage()).contains("format version 9");
        assertThat(back.source().value()).isEqualTo(stored);
    }

    @Test
    void readsCorruptBytesAsAnUnreadableLeadWhateverTheCorruption() {
        SourceRecord source = new SourceRecord("k".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 42},
                List.of(new RecordHeader("h", new byte[] {1})), "mql.events", 0, 5, 6);
        byte[] valid = serde.serializer().serialize("changelog", new BufferedLead(source, 7));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] corrupt = java.util.Arrays.copyOf(valid, 2 + random.nextInt(valid.length + 8));
            corrupt[1 + random.nextInt(corrupt.length - 1)] ^= (byte) (1 + random.nextInt(255));
            BufferedLead back = serde.deserializer().deserialize("changelog", corrupt);
            assertThat(back).isNotNull();
            if (!back.readable()) {
                assertThat(back.source().value()).isEqualTo(corrupt);
            }
        }
        assertThat(serde.deserializer().deserialize("changelog", java.util.Arrays.copyOf(valid, valid.length - 1))
                .readable()).isFalse();
    }
}
