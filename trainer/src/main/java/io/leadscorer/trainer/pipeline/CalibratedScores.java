package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.predict.Calibration;
import io.leadscorer.model.tiers.ScoreTiers;
import io.leadscorer.trainer.calibrate.CalibrationReport;
import io.leadscorer.trainer.evaluate.BinaryMetrics;
import io.leadscorer.trainer.evaluate.ScoredLabels;
import io.leadscorer.trainer.evaluate.WithoutNetwork;

import java.util.Optional;

/**
 * How the bundle turns the network's and the effects' log-odds into the served probability, and what that gives on
 * the validation leads: their served probabilities, the tiers cut on them, the threshold of best F1 and the metrics at
 * that threshold; and what the value effects alone would give there (none without effects).
 */
record CalibratedScores(Calibration calibration, CalibrationReport report, float[] servedValidation,
                        ScoredLabels scored, ScoreTiers tiers, double threshold, BinaryMetrics metrics,
                        Optional<WithoutNetwork> withoutNetwork) {

    /** Probabilities as tiers and reference profiles read them. */
    static double[] doubles(float[] probabilities) {
        double[] doubles = new double[probabilities.length];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = probabilities[i];
        }
        return doubles;
    }
}
