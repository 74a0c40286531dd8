package io.leadscorer.trainer.plot;

import io.leadscorer.trainer.evaluate.ScoredLabels;
import io.leadscorer.trainer.train.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingPlotsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void writesTheLossF1AndPrecisionRecallCurvesAsPngImages() throws IOException {
        List<EpochRecord> epochs = List.of(
                new EpochRecord("main", 1, 0.61, 0.52, 0.40, 0.31, 10, 400),
                new EpochRecord("main", 2, 0.45, 0.47, 0.55, 0.35, 10, 400),
                new EpochRecord("positive", 1, 0.50, 0.49, 0.57, 0.52, 2, 400));
        ScoredLabels validation = new ScoredLabels(new boolean[] {true, false, true, false},
                new double[] {0.9, 0.6, 0.4, 0.1});

        TrainingPlots.write(dir, epochs, validation.precisionRecallCurve());

        for (String plot : List.of(TrainingPlots.LOSS, TrainingPlots.F1, TrainingPlots.PR_CURVE)) {
            Path file = dir.resolve(plot);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).startsWith(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
        }
    }
}
