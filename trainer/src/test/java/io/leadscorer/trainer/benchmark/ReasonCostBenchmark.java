package io.leadscorer.trainer.benchmark;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
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
 * with no reasons and with 3 each way, in alternating rounds on one thread (the first pair a warm-up), the median
 * round's time per lead of each and their ratio (the goal: reasons add at most 25%). Arguments: bundle directory,
 * CSV, [leads, default 5000], [rounds, default 5]. Prints one JSON line.
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
        List<LeadRecord> records = LeadRow.records(rows.subList(0, leads));
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            round(predictor, records, 0);
            round(predictor, records, REASONS);
            for (int r = 0; r < rounds; r++) {
                boolean reasonsFirst = r % 2 == 1;
                with[r] = reasonsFirst ? round(predictor, records, REASONS) : 0;
                without[r] = round(predictor, records, 0);
                if (!reasonsFirst) {
                    with[r] = round(predictor, records, REASONS);
                }
            }
        }
        double medianWithout = median(without);
        double medianWith = median(with);
        System.out.printf(Locale.ROOT, "{\"model_id\":\"%s\",\"leads\":%d,\"rounds\":%d,\"batch\":%d,"
                        + "\"us_per_lead_without\":%.1f,\"us_per_lead_with\":%.1f,\"with_over_without\":%.3f,"
                        + "\"rounds_without\":%s,\"rounds_with\":%s}%n", bundle.modelId(), leads, rounds, BATCH,
                medianWithout, medianWith, medianWith / medianWithout, Arrays.toString(round1(without)),
                Arrays.toString(round1(with)));
    }

    /** Microseconds per lead to score every lead once with {@code reasons} reasons each way. */
    private static double round(LeadPredictor predictor, List<LeadRecord> records, int reasons) {
        long started = System.nanoTime();
        long sink = 0;
        for (int start = 0; start < records.size(); start += BATCH) {
            List<LeadRecord> batch = new ArrayList<>(records.subList(start, Math.min(records.size(), start + BATCH)));
            sink += predictor.scoreRecords(batch, reasons).size();
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
