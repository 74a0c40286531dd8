package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheOracleF1OfAHandMadeFileAsJsonOnTheLastLine() throws Exception {
        Path csv = dir.resolve("hand.csv");
        Files.writeString(csv, "bant_submit,is_converted\n0.25,False\n1.0,True\n,True\n0.5,False\n0.0,False\n0.75,True\n");
        Path oracle = dir.resolve("hand.truth");
        Files.writeString(oracle, "lead_id,probability\na,0.2\nb,0.9\nc,0.6\nd,0.1\ne,0.7\nf,0.8\n");

        CsvCommandTest.Run run = CsvCommandTest.Run.of("oracle", csv.toString(), "--oracle", oracle.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("f1").asDouble()).isCloseTo(6.0 / 7, within(1e-12));
        assertThat(report.get("threshold").asDouble()).isEqualTo(0.6);
        assertThat(report.get("positive_rate").asDouble()).isEqualTo(0.5);
        assertThat(report.get("rows").asLong()).isEqualTo(6);
        assertThat(run.out()).startsWith("oracle F1 0.8571 at threshold 0.6000");
    }

    @Test
    void failsClearlyWithoutTheSideFile() throws Exception {
        Path csv = dir.resolve("alone.csv");
        Files.writeString(csv, "is_converted\nTrue\n");

        CsvCommandTest.Run run = CsvCommandTest.Run.of("oracle", csv.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("alone.csv.oracle");
    }
}
