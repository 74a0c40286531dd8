package io.leadscorer.trainer.plot;

import io.leadscorer.trainer.train.EpochRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PNG plots of a training run that go into the bundle: loss and F1 per epoch, and the validation PR curve. */
public final class TrainingPlots {
    public static final String LOSS = "plots/loss.png";
    public static final String F1 = "plots/f1.png";
    public static final String PR_CURVE = "plots/pr_curve.png";
    public static final String RELIABILITY = "plots/reliability.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private TrainingPlots() {}

    /**
     * Writes the plots under {@code bundleDir}. The epochs are numbered in the order they ran, so the positive
     * stage's epochs follow the main stage's on the same axis, as their own series.
     */
    public static void write(Path bundleDir, List<EpochRecord> epochs, LabelEvaluationUtil.PRCurve curve) {
        if (!epochs.isEmpty()) {
            XYChart loss = chart("Loss per epoch", "epoch (main stage, then positive stage)", "binary cross-entropy");
            XYChart f1 = chart("Validation F1 per epoch (at that epoch's best threshold)",
                    "epoch (main stage, then positive stage)", "F1");
            for (String stage : epochs.stream().map(EpochRecord::stage).distinct().toList()) {
                List<Integer> runOrder = new ArrayList<>();
                for (int i = 0; i < epochs.size(); i++) {
                    if (epochs.get(i).stage().equals(stage)) {
                        runOrder.add(i);
                    }
                }
                double[] x = runOrder.stream().mapToDouble(i -> i + 1).toArray();
                loss.addSeries("training, " + stage,
                        x, runOrder.stream().mapToDouble(i -> epochs.get(i).trainingLoss()).toArray());
                loss.addSeries("validation, " + stage,
                        x, runOrder.stream().mapToDouble(i -> epochs.get(i).validationLoss()).toArray());
                f1.addSeries("validation F1, " + stage,
                        x, runOrder.stream().mapToDouble(i -> epochs.get(i).validationF1()).toArray());
            }
            save(loss, bundleDir.resolve(LOSS));
            save(f1, bundleDir.resolve(F1));
        }
        XYChart pr = chart("Precision-recall curve (validation)", "recall", "precision");
        XYSeries series = pr.addSeries("model", curve.recall, curve.precision);
        series.setMarker(SeriesMarkers.NONE);
        save(pr, bundleDir.resolve(PR_CURVE));
    }

    /** The reliability diagram: conversion rate against mean served probability per bin, and the diagonal. */
    public static void writeReliability(Path bundleDir, io.leadscorer.trainer.calibrate.CalibrationReport report) {
        XYChart chart = chart("Reliability on validation (cross-fitted; ECE " + String.format(java.util.Locale.ROOT,
                "%.4f", report.eceCalibrated()) + ")", "mean served probability", "conversion rate");
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        double[] x = report.bins().stream().mapToDouble(b -> b.meanProbability()).toArray();
        double[] y = report.bins().stream().mapToDouble(b -> b.conversionRate()).toArray();
        if (x.length > 0) {
            chart.addSeries("calibrated", x, y);
        }
        save(chart, bundleDir.resolve(RELIABILITY));
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        return chart;
    }

    private static void save(XYChart chart, Path file) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }
}
