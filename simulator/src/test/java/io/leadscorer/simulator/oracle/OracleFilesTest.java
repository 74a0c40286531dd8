package io.leadscorer.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsLabelsAndProbabilitiesRowForRow() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, """
                bant_submit,customer_country,is_converted
                0.25,Mumbai/India,False
                1.0,"Bogota, Colombia",True
                ,,True
                0.5,//Bogota/Colombia,False
                0.0,India,False
                0.75,,True
                """);
        Path oracle = dir.resolve("small.csv.oracle");
        Files.writeString(oracle, """
                lead_id,probability
                a,0.2
                b,0.9
                c,0.6
                d,0.1
                e,0.7
                f,0.8
                """);

        OracleReport report = OracleFiles.read(csv, oracle);

        assertThat(report.f1()).isCloseTo(6.0 / 7, within(1e-12));
        assertThat(report.threshold()).isEqualTo(0.6);
        assertThat(report.rows()).isEqualTo(6);
        assertThat(report.positiveRate()).isEqualTo(0.5);
    }

    @Test
    void rejectsASideFileThatDoesNotMatchTheRows() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "is_converted\nTrue\nFalse\n");
        Path shortOracle = dir.resolve("short.oracle");
        Files.writeString(shortOracle, "lead_id,probability\na,0.5\n");
        Path noLabel = dir.resolve("nolabel.csv");
        Files.writeString(noLabel, "bant_submit\n0.5\n0.25\n");

        assertThatThrownBy(() -> OracleFiles.read(csv, shortOracle)).hasMessageContaining("fewer rows");
        assertThatThrownBy(() -> OracleFiles.read(noLabel, shortOracle)).hasMessageContaining("no column 'is_converted'");
    }
}
