package io.leadscorer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeilingCommandTest {

    private static final String[] SMALL_WORLD = {"--companies", "60", "--owners", "12"};

    @TempDir
    Path dir;

    private Path sample(String name, int rows, int seed) {
        Path csv = dir.resolve(name);
        CsvCommandTest.Run run = CsvCommandTest.Run.of(concat(new String[] {"csv", "--rows", "" + rows, "--seed", "" + seed,
                "--out", csv.toString()}, SMALL_WORLD));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return csv;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void aWorldOfFewLargeCompaniesLetsTheLabelsRevealTheirQuality() throws Exception {
        Path train = sample("train.csv", 6_000, 1);
        Path test = sample("test.csv", 3_000, 2);

        CsvCommandTest.Run run = CsvCommandTest.Run.of(concat(new String[] {"ceiling", "--train", train.toString(),
                "--test", test.toString()}, SMALL_WORLD));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("train_rows").asLong()).isEqualTo(6_000);
        assertThat(report.get("test_rows").asLong()).isEqualTo(3_000);
        assertThat(report.get("test_share_of_trained_company").asDouble()).isGreaterThan(0.99);
        double oracle = report.get("oracle_f1").asDouble();
        assertThat(report.get("labels_f1").asDouble()).isLessThanOrEqualTo(oracle).isGreaterThan(oracle - 0.03)
                .isGreaterThan(report.get("no_id_effect_f1").asDouble());
        assertThat(run.out()).contains("ceiling: training labels only");
    }

    @Test
    void aSampleFromAnotherWorldFailsClearly() {
        Path train = sample("train.csv", 200, 1);
        Path test = sample("test.csv", 100, 2);

        CsvCommandTest.Run run = CsvCommandTest.Run.of("ceiling", "--train", train.toString(), "--test", test.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("train.csv.oracle").contains("pass the world options the sample was written with");
    }
}
