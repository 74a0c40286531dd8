package io.leadscorer.monitor.quality;

import io.leadscorer.avro.ColumnDrift;
import io.leadscorer.avro.DriftLevel;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import io.leadscorer.model.reference.Psi;
import io.leadscorer.monitor.drift.ModelReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns one scope's sums into the {@code ModelQuality} record the monitor writes: figures, counts and drift. */
public final class QualityRecords {

    private QualityRecords() {
    }

    public static ModelQuality of(ScopeKey scope, QualityAccumulator sums,
                                  long windowMs, Optional<ModelReference> reference, double warn, double alarm,
                                  long now) {
        QualityFigures f = sums.figures();
        long start = scope.isCumulative() ? (sums.firstTime == Long.MAX_VALUE ? now : sums.firstTime) : scope.windowStart();
        long end = scope.isCumulative() ? Math.max(start, sums.lastTime) : scope.windowStart() + windowMs;
        return ModelQuality.newBuilder()
                .setModelId(scope.modelId())
                .setScope(scope.isCumulative() ? QualityScope.CUMULATIVE : QualityScope.WINDOW)
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(end))
                .setScored(f.scored())
                .setLabelled(f.labelled())
                .setPositives(f.positives())
                .setMeanPredicted(orNull(f.meanPredicted()))
                .setObservedRate(orNull(f.observedRate()))
                .setAuc(orNull(f.auc()))
                .setAucErrorBound(orNull(f.aucErrorBound()))
                .setLogLoss(orNull(f.logLoss()))
                .setBrier(orNull(f.brier()))
                .setThreshold(orNull(f.threshold()))
                .setTruePositives(f.truePositives())
                .setFalsePositives(f.falsePositives())
                .setFalseNegatives(f.falseNegatives())
                .setPrecision(orNull(f.precision()))
                .setRecall(orNull(f.recall()))
                .setF1(orNull(f.f1()))
                .setEce(orNull(f.ece()))
                .setScorePsi(reference.map(r -> scorePsi(r, sums)).map(QualityRecords::orNull).orElse(null))
                .setDrift(reference.map(r -> drift(r, sums, warn, alarm)).orElse(List.of()))
                .setDriftLeads(sums.driftLeads)
                .setUpdatedTime(Instant.ofEpochMilli(now))
                .build();
    }

    /** The PSI of the scored leads' probabilities against the bundle's validation deciles; NaN without either. */
    static double scorePsi(ModelReference reference, QualityAccumulator sums) {
        int[] binOf = reference.scoreBinOf();
        double[] shares = reference.scoreShares();
        if (binOf.length == 0 || sums.scored == 0) {
            return Double.NaN;
        }
        long[] counts = new long[shares.length];
        for (int fine = 0; fine < ProbabilityBins.COUNT; fine++) {
            counts[binOf[fine]] += QualityAccumulator.count(sums.scoreBins, fine);
        }
        return Psi.of(shares, counts);
    }

    static List<ColumnDrift> drift(ModelReference reference, QualityAccumulator sums, double warn, double alarm) {
        List<ColumnDrift> drift = new ArrayList<>();
        if (sums.driftLeads == 0) {
            return drift;
        }
        List<String> columns = reference.columns();
        for (int column = 0; column < columns.size() && column < sums.driftBins.length; column++) {
            double[] expected = reference.expectedShares(column);
            long[] live = Arrays.copyOf(sums.driftBins[column] == null ? new long[0] : sums.driftBins[column],
                    expected.length);
            double psi = Psi.of(expected, live);
            int missing = reference.missingBin(column);
            drift.add(ColumnDrift.newBuilder()
                    .setColumn(columns.get(column))
                    .setPsi(psi)
                    .setMissingRate((double) live[missing] / sums.driftLeads)
                    .setReferenceMissingRate(expected[missing])
                    .setLevel(psi >= alarm ? DriftLevel.ALARM : psi >= warn ? DriftLevel.WARN : DriftLevel.OK)
                    .build());
        }
        return drift;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
