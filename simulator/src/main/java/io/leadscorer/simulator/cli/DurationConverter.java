package io.leadscorer.simulator.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option as people write it, a number and a unit ({@code 250ms}, {@code 2s}, {@code 1.5m},
 * {@code 1h}, {@code 1d}; to the millisecond), or in ISO-8601 ({@code PT2S}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher amount = AMOUNT.matcher(text);
        try {
            if (amount.matches()) {
                BigDecimal millis = new BigDecimal(amount.group(1)).multiply(BigDecimal.valueOf(millisPer(amount.group(2))));
                return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
            }
            return Duration.parse(value.trim());
        } catch (ArithmeticException | DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 2s, 1.5m, 1h, PT2S)");
        }
    }

    private static long millisPer(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
    }
}
