package io.leadscorer.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EpochProgressTest {

    @Test
    void writesPlainLinesWithoutCarriageReturnsOutsideATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             EpochProgress bar = new EpochProgress(out, "main", 1, 3, 100, Double.NaN, false)) {
            bar.advance(40, 0.5);
            bar.advance(60, 0.25);
            bar.validated(0.25, 0.3, 0.61);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").contains("main 1/3").contains("100/100").contains("val F1 0.6100");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\033"));
        assertThat(text.lines().filter(line -> line.contains("100/100"))).as(text).hasSize(1);
    }

    @Test
    void redrawsInPlaceOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             EpochProgress bar = new EpochProgress(out, "main", 1, 3, 100, Double.NaN, true)) {
            bar.advance(100, 0.5);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r");
    }
}
