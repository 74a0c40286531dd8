package io.leadscorer.trainer.benchmark;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.explain.ReasonAttribution;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What reasons cost the predictor: leads of a CSV scored in batches of 32 through {@link LeadPredictor#scoreRecords}
 * with no reasons and with 3 each way by each attribution asked for, on one thread, each round scoring every lead
 * once per mode in an order that rotates from round to round (after one warm-up round of each); the median round's
 * time per lead of each and each attribution's ratio to no reasons (the goal for the default, effects: at most 1.25).
 * Arguments: bundle directory, CSV, [leads, default 5000], [rounds, default 5], [attribution: effects, occlusion or
 * both, default both]. Prints one JSON line per attribution.
 */
public final class ReasonCostBenchmark {

    private static final int BATCH = 32;
    private static final int REASONS = 3;

    private ReasonCostBenchmark() {}

    public static void main(String[] args) {
        Bundle bundle = Bundle.open(Path.of(args[0]));
        List<LeadRow> rows = new CsvLeadReader().read(Path.of(args[1])).rows();
        int leads = args.length > 2 ? Math.min(rows.size(), Integer.parseInt(args[2])) : Math.min(rows.size(), 5000);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<ReasonAttribution> attributions = BenchmarkAttributions.parse(args.length > 4 ? args[4] : "both");
        List<LeadRecord> records = LeadRow.records(rows.subList(0, leads));
        int modes = attributions.size() + 1; // mode 0: no reasons
        double[][] times = new double[modes][rounds];
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            for (int mode = 0; mode < modes; mode++) {
                round(predictor, records, mode, attributions);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < modes; k++) {
                    int mode = (r + k) % modes;
                    times[mode][r] = round(predictor, records, mode, attributions);
                }
            }
        }
        double without = median(times[0]);
        for (int a = 0; a < attributions.size(); a++) {
            double with = median(times[a + 1]);
            System.out.printf(Locale.ROOT, "{\"model_id\":\"%s\",\"attribution\":\"%s\",\"leads\":%d,\"rounds\":%d,"
                            + "\"batch\":%d,\"us_per_lead_without\":%.1f,\"us_per_lead_with\":%.1f,"
                            + "\"with_over_without\":%.3f,\"rounds_without\":%s,\"rounds_with\":%s}%n",
                    bundle.modelId(), attributions.get(a).id(), leads, rounds, BATCH, without, with, with / without,
                    Arrays.toString(round1(times[0])), Arrays.toString(round1(times[a + 1])));
        }
    }

    /** Microseconds per lead to score every lead once in {@code mode}: 0 without reasons, else by an attribution. */
    private static double round(LeadPredictor predictor, List<LeadRecord> records, int mode,
                                List<ReasonAttribution> attributions) {
        int reasons = mode == 0 ? 0 : REASONS;
        ReasonAttribution attribution = mode == 0 ? ReasonAttribution.EFFECTS : attributions.get(mode - 1);
        long started = System.nanoTime();
        long sink = 0;
        for (int start = 0; start < records.size(); start += BATCH) {
            List<LeadRecord> batch = new ArrayList<>(records.subList(start, Math.min(records.size(), start + BATCH)));
            sink += predictor.scoreRecords(batch, reasons, attribution).size();
        }
        if (sink != records.size()) {
            throw new IllegalStateException("scored " + sink + " of " + records.size());
        }
        return (System.nanoTime() - started) / 1e3 / records.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round1(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray();
    }
}
