package io.leadscorer.trainer.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GainChartTest {

    @Test
    void findsTheConversionsInScoreOrder(@TempDir Path dir) throws IOException {
        boolean[] converted = {false, true, false, true};
        float[] probabilities = {0.1f, 0.9f, 0.2f, 0.4f};

        double[][] curve = GainChart.curve(converted, probabilities);

        assertThat(curve[0]).containsExactly(new double[] {0, 0.25, 0.5, 0.75, 1}, within(1e-12));
        assertThat(curve[1]).containsExactly(new double[] {0, 0.5, 1, 1, 1}, within(1e-12));
        Path file = dir.resolve("gain.png");
        GainChart.write(file, converted, probabilities);
        assertThat(Files.readAllBytes(file)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
}
