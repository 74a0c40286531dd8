package io.leadscorer.trainer.cli;

import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.trainer.testing.SimulatedCsv;
import io.leadscorer.trainer.testing.TrainerRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainer run inside another JVM, as the demo runs it beside its scorers: it trains and leaves the engine's
 * process-wide thread settings, which the scorers start their engine with, as it found them.
 */
class InProcessTrainingTest {
    private static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    private static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    @TempDir
    Path dir;

    @Test
    void trainsWithoutSettingTheEnginesProcessWideThreadCounts() {
        String intraOp = System.clearProperty(INTRA_OP);
        String interOp = System.clearProperty(INTER_OP);
        try {
            Path data = SimulatedCsv.write(dir.resolve("train.csv"), 600, 31);

            TrainerRun run = TrainerRun.tiny("train", "--data", data.toString(), "--store", dir.resolve("store").toString(),
                    "--positive-stage-epochs", "0");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(Bundle.open(Path.of(run.lastLine())).manifest().threshold()).isBetween(0.0, 1.0);
            assertThat(System.getProperty(INTRA_OP)).isNull();
            assertThat(System.getProperty(INTER_OP)).isNull();
        } finally {
            restore(INTRA_OP, intraOp);
            restore(INTER_OP, interOp);
        }
    }

    private static void restore(String key, String value) {
        if (value != null) {
            System.setProperty(key, value);
        }
    }
}
