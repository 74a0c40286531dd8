package io.leadscorer.monitor.cli;

import io.leadscorer.avro.ColumnDrift;
import io.leadscorer.avro.DriftLevel;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints the monitor's latest figures as a table per model: the cumulative row first, then the newest windows, each
 * figure beside the counts it rests on, then the columns whose inputs drifted past the warn line.
 */
final class QualityTable {

    private static final String HEADER = "%-22s %8s %8s %6s %7s %7s %13s %8s %7s %6s %6s %6s %6s %7s%n";
    private static final String ROW = "%-22s %8d %8d %6d %7s %7s %13s %8s %7s %6s %6s %6s %6s %7s%n";

    private QualityTable() {
    }

    static void print(PrintStream out, Map<String, ModelQuality> latest, String model, int windows) {
        Map<String, List<ModelQuality>> byModel = new TreeMap<>(latest.values().stream()
                .filter(q -> model == null || q.getModelId().equals(model))
                .collect(Collectors.groupingBy(ModelQuality::getModelId)));
        if (byModel.isEmpty()) {
            out.println(model == null ? "no quality figures yet" : "no quality figures for model " + model);
            return;
        }
        byModel.forEach((id, records) -> {
            out.printf("model %s%n", id);
            out.printf(Locale.ROOT, HEADER, "scope", "scored", "labelled", "pos", "mean p", "rate", "AUC (+-)",
                    "logloss", "brier", "ECE", "prec", "recall", "F1", "scorePSI");
            records.stream().filter(q -> q.getScope() == QualityScope.CUMULATIVE).forEach(q -> row(out, "since " + day(q), q));
            records.stream().filter(q -> q.getScope() == QualityScope.WINDOW)
                    .sorted(Comparator.comparing(ModelQuality::getWindowStart).reversed()).limit(windows)
                    .forEach(q -> row(out, q.getWindowStart().toString().replace(":00Z", "Z"), q));
            records.stream().filter(q -> q.getScope() == QualityScope.CUMULATIVE).findFirst().ifPresent(q -> drift(out, q));
            out.println();
        });
    }

    private static String day(ModelQuality q) {
        return q.getWindowStart().toString().substring(0, 16);
    }

    private static void row(PrintStream out, String scope, ModelQuality q) {
        String auc = q.getAuc() == null ? "-" : String.format(Locale.ROOT, "%.4f(%.4f)", q.getAuc(), q.getAucErrorBound());
        out.printf(Locale.ROOT, ROW, scope, q.getScored(), q.getLabelled(), q.getPositives(), f(q.getMeanPredicted()),
                f(q.getObservedRate()), auc, f(q.getLogLoss()), f(q.getBrier()), f(q.getEce()), f(q.getPrecision()),
                f(q.getRecall()), f(q.getF1()), f(q.getScorePsi()));
    }

    private static void drift(PrintStream out, ModelQuality q) {
        List<ColumnDrift> moved = q.getDrift().stream().filter(d -> d.getLevel() != DriftLevel.OK)
                .sorted(Comparator.comparing(ColumnDrift::getPsi).reversed()).toList();
        if (q.getDrift().isEmpty()) {
            out.println("input drift: none recorded (the bundle has no training distribution, or no lead was profiled)");
        } else if (moved.isEmpty()) {
            out.printf(Locale.ROOT, "input drift: every column below the warn line (%d leads)%n", q.getDriftLeads());
        } else {
            out.printf(Locale.ROOT, "input drift (%d leads):%n", q.getDriftLeads());
            moved.forEach(d -> out.printf(Locale.ROOT, "  %-24s PSI %.3f %-5s missing %.1f%% (training %.1f%%)%n",
                    d.getColumn(), d.getPsi(), d.getLevel(), 100 * d.getMissingRate(), 100 * d.getReferenceMissingRate()));
        }
    }

    private static String f(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
