package io.leadscorer.trainer.evaluate;

import ai.djl.Device;
import io.leadscorer.model.bundle.Bundle;
import io.leadscorer.model.predict.LeadPredictor;
import io.leadscorer.model.predict.TokenizedBatch;
import io.leadscorer.trainer.data.LeadRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Scores labelled leads with a published bundle exactly as the scorer does: the bundle's own text spec, the
 * model's {@link LeadPredictor}, the manifest's threshold. Optionally writes every lead's probability.
 */
public final class BundleEvaluator {
    private final int batchSize;

    public BundleEvaluator(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * The metrics at the bundle's threshold, the probabilities in row order, and the metrics of the value effects
     * alone at their own threshold where the bundle records them ({@link WithoutNetwork}).
     */
    public record Evaluation(BinaryMetrics metrics, float[] probabilities, Optional<BinaryMetrics> withoutNetwork) {}

    public Evaluation evaluate(Bundle bundle, Device device, List<LeadRow> rows) {
        float[] probabilities = new float[rows.size()];
        Optional<WithoutNetwork> alone = WithoutNetwork.of(bundle.manifest());
        float[] aloneProbabilities = new float[rows.size()];
        boolean[] truth = LeadRow.labels(rows);
        try (LeadPredictor predictor = LeadPredictor.open(bundle, device)) {
            for (int start = 0; start < rows.size(); start += batchSize) {
                int end = Math.min(rows.size(), start + batchSize);
                TokenizedBatch batch = predictor.tokenizeRecords(rows.subList(start, end).stream()
                        .map(LeadRow::record).toList());
                System.arraycopy(predictor.score(batch), 0, probabilities, start, batch.size());
                if (alone.isPresent()) {
                    float[] effectsAlone = alone.get().calibration().apply(new float[batch.size()], batch.shifts());
                    System.arraycopy(effectsAlone, 0, aloneProbabilities, start, batch.size());
                }
            }
        }
        double threshold = bundle.manifest().threshold();
        return new Evaluation(ScoredLabels.of(truth, probabilities).metricsAt(threshold), probabilities,
                alone.map(a -> ScoredLabels.of(truth, aloneProbabilities).metricsAt(a.threshold())));
    }

    /** Writes line, label, probability and decision per lead. */
    public static void writePredictions(Path file, List<LeadRow> rows, float[] probabilities, double threshold) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = CSVFormat.DEFAULT.builder()
                     .setHeader("line", "is_converted", "probability", "predicted").get().print(writer)) {
            for (int i = 0; i < rows.size(); i++) {
                printer.printRecord(rows.get(i).line(), rows.get(i).converted(), probabilities[i],
                        probabilities[i] >= threshold);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + file, e);
        }
    }
}
