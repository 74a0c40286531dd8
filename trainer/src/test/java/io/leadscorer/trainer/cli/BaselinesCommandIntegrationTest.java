package io.leadscorer.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscorer.trainer.testing.SimulatedCsv;
import io.leadscorer.trainer.testing.TrainerRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselinesCommandIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void trainsTheBaselinesOnSmallDataAndPrintsTheirTestMetricsAsJson() throws IOException {
        Path train = SimulatedCsv.write(dir.resolve("train.csv"), 2000, 41);
        Path test = SimulatedCsv.write(dir.resolve("test.csv"), 600, 42);

        TrainerRun run = TrainerRun.of("baselines", "--data", train.toString(), "--test", test.toString(),
                "--set", "trainer.baselines.tree-rounds=60", "--set", "trainer.baselines.logistic-epochs=2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.lastLine());
        assertThat(report.get("training_rows").asLong()).isEqualTo(1600);
        assertThat(report.get("validation_rows").asLong()).isEqualTo(400);
        assertThat(report.get("test_rows").asLong()).isEqualTo(600);
        for (String name : List.of("logistic_regression", "boosted_trees", "target_encoded_trees", "value_effects")) {
            JsonNode result = report.get(name);
            assertThat(result.get("name").asText()).isEqualTo(name);
            assertThat(result.at("/test/rows").asLong()).isEqualTo(600);
            for (String metric : List.of("f1", "precision", "recall", "roc_auc", "pr_auc", "threshold")) {
                assertThat(result.at("/test/" + metric).isNumber()).as(name + " " + metric).isTrue();
            }
            // each finds the simulator's signal: better than chance ordering on leads they never saw
            assertThat(result.at("/test/roc_auc").asDouble()).as(name).isGreaterThan(0.6);
            assertThat(result.at("/test/f1").asDouble()).as(name).isGreaterThan(0.15);
        }
        assertThat(run.err()).contains("2000 rows read, 2000 used, 0 rejected").contains("600 rows read, 600 used");
    }
}
