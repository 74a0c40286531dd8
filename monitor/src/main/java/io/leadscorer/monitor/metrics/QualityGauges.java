package io.leadscorer.monitor.metrics;

import io.leadscorer.avro.ColumnDrift;
import io.leadscorer.avro.ModelQuality;
import io.leadscorer.avro.QualityScope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Each model's cumulative figures on {@code /prometheus}, as this instance last wrote them ({@code
 * leadscorer.monitor.model.*} tagged by model): labelled leads, positives, AUC, log loss, Brier, ECE, F1, the score PSI
 * and the largest column PSI, and each lead column's PSI ({@code leadscorer.monitor.model.drift.psi} tagged by model and
 * column, from the first record that holds the column's drift). An instance shows the models whose figures it keeps (the
 * model-keyed partitions it owns).
 */
public final class QualityGauges implements Consumer<ModelQuality> {

    private final MeterRegistry registry;
    private final Map<String, ModelQuality> latest = new ConcurrentHashMap<>();
    private final Set<String> driftColumns = ConcurrentHashMap.newKeySet();

    public QualityGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(ModelQuality quality) {
        if (quality.getScope() != QualityScope.CUMULATIVE) {
            return;
        }
        String model = quality.getModelId();
        if (latest.put(model, quality) == null) {
            gauge(model, "labelled", q -> q.getLabelled());
            gauge(model, "positives", q -> q.getPositives());
            gauge(model, "scored", q -> q.getScored());
            gauge(model, "auc", q -> nan(q.getAuc()));
            gauge(model, "log.loss", q -> nan(q.getLogLoss()));
            gauge(model, "brier", q -> nan(q.getBrier()));
            gauge(model, "ece", q -> nan(q.getEce()));
            gauge(model, "f1", q -> nan(q.getF1()));
            gauge(model, "score.psi", q -> nan(q.getScorePsi()));
            gauge(model, "drift.psi.max", q -> q.getDrift().stream().mapToDouble(d -> d.getPsi()).max().orElse(Double.NaN));
        }
        for (ColumnDrift drift : quality.getDrift()) {
            String column = drift.getColumn();
            if (driftColumns.add(model + "\u0000" + column)) {
                Gauge.builder("leadscorer.monitor.model.drift.psi", latest, all -> columnPsi(all.get(model), column))
                        .tag("model", model).tag("column", column).register(registry);
            }
        }
    }

    private static double columnPsi(ModelQuality quality, String column) {
        return quality.getDrift().stream().filter(d -> d.getColumn().equals(column)).mapToDouble(ColumnDrift::getPsi)
                .findFirst().orElse(Double.NaN);
    }

    private void gauge(String model, String name, ToDoubleFunction<ModelQuality> figure) {
        Gauge.builder("leadscorer.monitor.model." + name, latest, all -> figure.applyAsDouble(all.get(model)))
                .tag("model", model).register(registry);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }
}
