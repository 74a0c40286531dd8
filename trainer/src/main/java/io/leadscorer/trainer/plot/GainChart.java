package io.leadscorer.trainer.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The cumulative gain chart of scored, labelled leads: working them from the highest score down, the share of all
 * conversions found against the share of leads worked, beside the diagonal of working them in random order.
 */
public final class GainChart {

    private static final int POINTS = 200;

    private GainChart() {}

    /** The curve: x the share of leads worked (0 to 1), y the share of conversions found. */
    static double[][] curve(boolean[] converted, float[] probabilities) {
        int n = converted.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        long positives = IntStream.range(0, n).filter(i -> converted[i]).count();
        int steps = Math.min(n, POINTS);
        double[] x = new double[steps + 1];
        double[] y = new double[steps + 1];
        long found = 0;
        int worked = 0;
        for (int s = 1; s <= steps; s++) {
            int until = (int) ((long) s * n / steps);
            for (; worked < until; worked++) {
                found += converted[order[worked]] ? 1 : 0;
            }
            x[s] = (double) worked / n;
            y[s] = positives == 0 ? 0 : (double) found / positives;
        }
        return new double[][] {x, y};
    }

    public static void write(Path file, boolean[] converted, float[] probabilities) {
        if (converted.length == 0 || converted.length != probabilities.length) {
            throw new IllegalArgumentException("need one label per probability, and some");
        }
        double[][] curve = curve(converted, probabilities);
        XYChart chart = new XYChartBuilder().width(800).height(600).title("Cumulative gain")
                .xAxisTitle("share of leads worked, highest score first").yAxisTitle("share of conversions found")
                .build();
        chart.getStyler().setMarkerSize(0);
        chart.addSeries("model", curve[0], curve[1]).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.addSeries("random order", new double[] {0, 1}, new double[] {0, 1});
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gain chart " + file, e);
        }
    }
}
