package io.leadscorer.scorer.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.scorer.batch.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final RejectedLeadException TOO_LARGE =
            new RejectedLeadException(DeadLetterReason.VALUE_TOO_LARGE, "Value has too many bytes");

    private static String header(Record<byte[], byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long size(Record<byte[], byte[]> letter) {
        long size = (letter.key() == null ? 0 : letter.key().length) + (letter.value() == null ? 0 : letter.value().length);
        for (Header header : letter.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    @Test
    void keepsASmallRecordWhole() {
        SourceRecord source = new SourceRecord("k".getBytes(StandardCharsets.UTF_8), new byte[100],
                List.of(new RecordHeader("trace", new byte[] {1}), new RecordHeader(DeadLetters.ERROR_REASON, new byte[] {2})),
                "mql.events", 2, 17, 1000);

        Record<byte[], byte[]> letter = DeadLetters.of(source, TOO_LARGE, 1000, 10_000);

        assertThat(letter.value()).hasSize(100);
        assertThat(header(letter, "trace")).isNotNull();
        assertThat(header(letter, DeadLetters.TRUNCATED)).isNull();
        assertThat(header(letter, DeadLetters.ERROR_REASON)).isEqualTo("value_too_large");
        assertThat(letter.headers().headers(DeadLetters.ERROR_REASON)).as("the input's own header is replaced").hasSize(1);
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("17");
    }

    @Test
    void namesTheModelThatFailedAndNoModelForALeadRejectedBeforeScoring() {
        SourceRecord replayed = new SourceRecord("k".getBytes(StandardCharsets.UTF_8), new byte[10],
                List.of(new RecordHeader(DeadLetters.MODEL_ID, "m-0".getBytes(StandardCharsets.UTF_8))),
                "mql.events", 0, 3, 1000);
        RejectedLeadException failed = new RejectedLeadException(DeadLetterReason.UNSCORABLE, "returned NaN", null,
                "m-2");

        Record<byte[], byte[]> modelFailure = DeadLetters.of(replayed, failed, 1000, 10_000);
        Record<byte[], byte[]> undecodable = DeadLetters.of(replayed,
                new RejectedLeadException(DeadLetterReason.UNDECODABLE, "bad bytes"), 1000, 10_000);

        assertThat(header(modelFailure, DeadLetters.MODEL_ID)).isEqualTo("m-2");
        assertThat(modelFailure.headers().headers(DeadLetters.MODEL_ID)).hasSize(1);
        assertThat(header(modelFailure, DeadLetters.ERROR_REASON)).isEqualTo("unscorable");
        assertThat(header(undecodable, DeadLetters.MODEL_ID)).as("a replayed dead letter's model is not carried on")
                .isNull();
        assertThat(header(undecodable, DeadLetters.SOURCE_TOPIC)).isEqualTo("mql.events");
    }

    @Test
    void truncatesARecordTooLargeForTheDeadLetterTopicAndSaysSo() {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            headers.add(new RecordHeader("h" + i, new byte[1000]));
        }
        byte[] key = new byte[50_000];
        byte[] value = new byte[3_000_000];
        Arrays.fill(value, (byte) 7);
        SourceRecord source = new SourceRecord(key, value, headers, "mql.events", 0, 5, 1000);

        Record<byte[], byte[]> letter = DeadLetters.of(source, TOO_LARGE, 1000, 100_000);

        assertThat(size(letter)).isLessThanOrEqualTo(100_000);
        assertThat(header(letter, DeadLetters.TRUNCATED)).isEqualTo("true");
        assertThat(header(letter, DeadLetters.ORIGINAL_VALUE_BYTES)).isEqualTo("3000000");
        assertThat(header(letter, DeadLetters.ORIGINAL_KEY_BYTES)).isEqualTo("50000");
        assertThat(header(letter, DeadLetters.ORIGINAL_HEADER_COUNT)).isEqualTo("100");
        assertThat(header(letter, "h0")).as("original headers are dropped first").isNull();
        assertThat(letter.value()).isNotEmpty().containsOnly((byte) 7);
        assertThat(header(letter, DeadLetters.ERROR_REASON)).isEqualTo("value_too_large");
    }

    @Test
    void cutsAVeryLongErrorMessage() {
        RejectedLeadException rejection = new RejectedLeadException(DeadLetterReason.UNDECODABLE, "x".repeat(100_000));
        Record<byte[], byte[]> letter = DeadLetters.of(new SourceRecord(null, new byte[1], List.of(), "t", 0, 0, 0),
                rejection, 0, 900_000);
        assertThat(header(letter, DeadLetters.ERROR_MESSAGE)).hasSize(1027);
    }
}
