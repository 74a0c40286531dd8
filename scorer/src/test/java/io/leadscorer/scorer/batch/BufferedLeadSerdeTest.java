package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
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
    void rejectsAnUnknownFormatVersion() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format version 9");
    }
}
