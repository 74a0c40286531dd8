package io.leadscorer.trainer.benchmark;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.explain.ReasonDeletion;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.leadscorer.trainer.data.LeadRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The deletion test of a real bundle's reasons on held-out leads (a CSV the bundle was not trained on): the share of
 * leads whose served probability moves more when the top reason's column is set to missing than when a random other
 * column is. Arguments: bundle directory, CSV, [leads, default all], [seed, default 1]. Prints one JSON line.
 */
public final class ReasonDeletionBenchmark {

    private ReasonDeletionBenchmark() {}

    public static void main(String[] args) {
        Bundle bundle = Bundle.open(Path.of(args[0]));
        List<LeadRow> rows = new CsvLeadReader().read(Path.of(args[1])).rows();
        int leads = args.length > 2 ? Math.min(rows.size(), Integer.parseInt(args[2])) : rows.size();
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        long started = System.nanoTime();
        ReasonDeletion.Result result;
        try (LeadPredictor predictor = LeadPredictor.open(bundle, Device.cpu())) {
            result = ReasonDeletion.run(predictor, LeadRow.records(rows.subList(0, leads)), seed);
        }
        System.out.printf(Locale.ROOT, "{\"model_id\":\"%s\",\"leads\":%d,\"tested\":%d,\"top_moved_more\":%d,"
                        + "\"share\":%.4f,\"seconds\":%.1f}%n", bundle.modelId(), result.leads(), result.tested(),
                result.topMovedMore(), result.share(), (System.nanoTime() - started) / 1e9);
    }
}
