package io.leadscorer.trainer.benchmark;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.explain.ReasonAdditivity;
import io.leadscorer.model.explain.ReasonAttribution;
import io.leadscorer.model.explain.ReasonDeletion;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.text.LeadRecord;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The deletion test of a real bundle's reasons on held-out leads (a CSV the bundle was not trained on): the share of
 * leads whose served probability moves more when the top reason's column is set to missing than when a random other
 * column is, for each reason attribution asked for; and how far the 3 + 3 reasons a lead shows add up
 * ({@link ReasonAdditivity}: the share of leads where their sum has the sign of what removing their columns together
 * does to the served log-odds, and the median distance between the two). Arguments: bundle directory, CSV,
 * [leads, default all], [seed, default 1], [attribution: effects, occlusion or both, default both]. Prints one JSON
 * line per attribution.
 */
public final class ReasonDeletionBenchmark {

    private static final int SHOWN_PER_DIRECTION = 3;

    private ReasonDeletionBenchmark() {}

    public static void main(String[] args) {
        Bundle bundle = Bundle.open(Path.of(args[0]));
        List<LeadRow> rows = new CsvLeadReader().read(Path.of(args[1])).rows();
        int leads = args.length > 2 ? Math.min(rows.size(), Integer.parseInt(args[2])) : rows.size();
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        List<ReasonAttribution> attributions = BenchmarkAttributions.parse(args.length > 4 ? args[4] : "both");
        List<LeadRecord> records = LeadRow.records(rows.subList(0, leads));
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            for (ReasonAttribution attribution : attributions) {
                long started = System.nanoTime();
                ReasonDeletion.Result result = ReasonDeletion.run(predictor, records, seed, attribution);
                ReasonAdditivity.Result sums = ReasonAdditivity.run(predictor, records, SHOWN_PER_DIRECTION,
                        attribution);
                System.out.printf(Locale.ROOT, "{\"model_id\":\"%s\",\"attribution\":\"%s\",\"leads\":%d,"
                                + "\"tested\":%d,\"top_moved_more\":%d,\"share\":%.4f,\"sum_tested\":%d,"
                                + "\"sum_sign_share\":%.4f,\"sum_median_distance\":%.4f,\"seconds\":%.1f}%n",
                        bundle.modelId(), attribution.id(), result.leads(), result.tested(), result.topMovedMore(),
                        result.share(), sums.tested(), sums.signShare(), sums.medianDistance(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
