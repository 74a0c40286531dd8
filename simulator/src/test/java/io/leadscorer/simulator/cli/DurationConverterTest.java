package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsANumberWithAUnitOrIso8601() {
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(converter.convert("0s")).isEqualTo(Duration.ZERO);
        assertThat(converter.convert("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert(" 1H ")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(converter.convert("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThatThrownBy(() -> converter.convert("2 weeks")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'2 weeks' is not a duration");
        assertThatThrownBy(() -> converter.convert("-2s")).isInstanceOf(TypeConversionException.class);
    }
}
