package io.leadscorer.scorer.decode;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Bounds on what an input record may carry besides its value ({@code scorer.batch.max-value-bytes}): key bytes,
 * header count and header bytes (keys and values together). A record over a bound is dead-lettered unread, so a
 * buffered lead, and with it a changelog entry, is never larger than the sum of the bounds. {@code
 * maxDeadLetterBytes} caps a dead letter (key, value and headers): a bigger one is stored truncated, with headers
 * saying so, so that it fits the dead-letter topic. Defaults and environment variables in application.yml.
 */
@ConfigurationProperties("scorer.limits")
public record RecordLimits(@Positive int maxKeyBytes, @PositiveOrZero int maxHeaders, @PositiveOrZero int maxHeaderBytes,
                           @Positive int maxDeadLetterBytes) {

    /** The defaults of application.yml, for tests and tools that build the topology without Micronaut. */
    public static final RecordLimits DEFAULTS = new RecordLimits(1024, 64, 16_384, 900_000);
}
