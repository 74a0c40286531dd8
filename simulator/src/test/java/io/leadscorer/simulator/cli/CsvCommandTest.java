package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.simulator.SimulatorCli;
import io.leadscorer.simulator.oracle.OracleFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CsvCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSampleAndSummarisesItAsJson() throws Exception {
        Path csv = dir.resolve("out/train.csv");
        Run run = Run.of("csv", "--rows", "2000", "--seed", "3", "--out", csv.toString());

        assertThat(run.exitCode).isZero();
        JsonNode summary = run.json();
        List<String> lines = Files.readAllLines(csv);
        long converted = lines.stream().skip(1).filter(line -> line.endsWith(",True")).count();
        assertThat(lines).hasSize(2001);
        assertThat(summary.get("rows").asLong()).isEqualTo(2000);
        assertThat(summary.get("positives").asLong()).isEqualTo(converted);
        assertThat(summary.get("oracle").asText()).isEqualTo(csv + ".oracle");
        assertThat(Files.readAllLines(Path.of(csv + ".oracle"))).hasSize(2001);
        assertThat(run.err).contains("wrote 2000 leads");
    }

    @Test
    void worldOptionsShapeTheSampleAndTheSideFileCanBeNamed() throws Exception {
        Path csv = dir.resolve("rich.csv");
        Path oracle = dir.resolve("truth.csv");
        Run run = Run.of("csv", "--rows", "5000", "--seed", "4", "--out", csv.toString(), "--oracle-out", oracle.toString(),
                "--positive-rate", "0.3", "--companies", "500", "--owners", "50", "--threads", "1");

        assertThat(run.exitCode).isZero();
        assertThat(run.json().get("positive_rate").asDouble()).isBetween(0.27, 0.33);
        assertThat(Files.exists(oracle)).isTrue();
        assertThat(Files.exists(Path.of(csv + ".oracle"))).isFalse();
        assertThat(Files.lines(csv).skip(1).map(line -> line.substring(line.lastIndexOf(',', line.lastIndexOf(',') - 1) + 1,
                line.lastIndexOf(','))).distinct().count()).isLessThanOrEqualTo(51);
    }

    @Test
    void theOracleCommandReadsWhatTheCsvCommandWrote() throws Exception {
        Path csv = dir.resolve("train.csv");
        assertThat(Run.of("csv", "--rows", "3000", "--seed", "2", "--out", csv.toString()).exitCode).isZero();

        Run oracle = Run.of("oracle", csv.toString());

        assertThat(oracle.exitCode).isZero();
        JsonNode report = oracle.json();
        assertThat(report.get("f1").asDouble()).isEqualTo(OracleFiles.read(csv, Path.of(csv + ".oracle")).f1());
        assertThat(report.get("rows").asLong()).isEqualTo(3000);
        assertThat(oracle.out).startsWith("oracle F1 ");
    }

    @Test
    void withoutACommandItPrintsUsage() {
        Run run = Run.of();
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Missing a command", "csv", "oracle", "produce");
        assertThat(Run.of("csv", "--rows", "10").err).contains("Missing required option: '--out=<out>'");
    }

    /** One execution of the command line with its outputs captured. */
    record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = SimulatorCli.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exitCode = commandLine.execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        }

        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        }
    }
}
