package io.leadscorer.trainer.calibrate;

import io.leadscorer.model.predict.Calibration;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationReportTest {

    @Test
    void eceIsTheRowsWeightedGapBetweenMeanProbabilityAndConversionRate() {
        // 10 leads at 0.15 of which 5 convert (gap 0.35), 30 at 0.85 of which 27 convert (gap 0.05)
        float[] probabilities = new float[40];
        boolean[] labels = new boolean[40];
        for (int i = 0; i < 40; i++) {
            probabilities[i] = i < 10 ? 0.15f : 0.85f;
            labels[i] = i < 10 ? i < 5 : i < 37;
        }

        var bins = CalibrationReport.bins(probabilities, labels);

        assertThat(bins).hasSize(2);
        assertThat(bins.get(0).lower()).isEqualTo(0.1);
        assertThat(bins.get(0).conversionRate()).isEqualTo(0.5);
        assertThat(CalibrationReport.ece(bins)).isCloseTo((10 * 0.35 + 30 * 0.05) / 40, within(1e-6));
    }

    @Test
    void calibratingOverconfidentScoresLowersTheCrossFittedEce() {
        Random random = new Random(5);
        int n = 20_000;
        float[] raw = new float[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian() * 3;
            raw[i] = (float) (1 / (1 + Math.exp(-z)));
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.4 * z - 1.5)));
        }
        Calibration kept = Calibration.fitPlatt(raw, labels);

        CalibrationReport report = CalibrationReport.of(kept, raw, new double[raw.length], labels, 1);

        assertThat(report.eceUncalibrated()).isGreaterThan(0.1);
        assertThat(report.eceCalibrated()).isLessThan(0.02);
        assertThat(report.eceCalibratedInSample()).isLessThan(0.02);
        assertThat(report.bins().stream().mapToLong(CalibrationReport.Bin::rows).sum()).isEqualTo(n);
        assertThat(report.slope()).isEqualTo(kept.slope());
    }
}
