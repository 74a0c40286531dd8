package io.leadscorer.scorer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** A failed stream thread is replaced; the failure that completes a crash loop shuts the client down. */
class StreamThreadFailureHandlerTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };

    @Test
    void replacesTheThreadUntilTheFailuresWithinTheWindowReachTheLimit() {
        StreamThreadFailureHandler handler = new StreamThreadFailureHandler(3, Duration.ofSeconds(60), clock);
        assertThat(handler.handle(new IllegalStateException("one"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        millis.addAndGet(10_000);
        assertThat(handler.handle(new OutOfMemoryError("two"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        millis.addAndGet(10_000);
        assertThat(handler.handle(new IllegalStateException("three")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        StreamThreadFailureHandler handler = new StreamThreadFailureHandler(2, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 10; i++) {
            assertThat(handler.handle(new IllegalStateException("failure " + i))).as("failure %d", i)
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            millis.addAndGet(60_001);
        }
    }

    @Test
    void theServicePolicyShutsDownAtTheFifthFailureWithinAMinute() {
        StreamThreadFailureHandler handler = StreamThreadFailureHandler.standard(clock);
        for (int i = 1; i <= 4; i++) {
            assertThat(handler.handle(new IllegalStateException())).as("failure %d", i)
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            millis.addAndGet(14_000);
        }
        assertThat(handler.handle(new IllegalStateException())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new StreamThreadFailureHandler(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
