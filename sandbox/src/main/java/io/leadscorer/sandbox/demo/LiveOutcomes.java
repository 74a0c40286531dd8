package io.leadscorer.sandbox.demo;

import io.leadscorer.avro.ModelQuality;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What came back from the world in a demo run: the outcomes the simulator reported, the labels the monitor counted
 * (over every model: a lead scored live and in shadow is labelled once for each model that scored it), the labels it
 * should have counted for those outcomes (one per live score and one per shadow score of a lead with an outcome), and
 * each model's live figures as the monitor last wrote them.
 */
public record LiveOutcomes(long sent, long labelled, long expected, Map<String, ModelQuality> byModel) {

    public static final LiveOutcomes NONE = new LiveOutcomes(0, 0, 0, Map.of());

    public LiveOutcomes {
        byModel = Map.copyOf(byModel);
    }

    /** Every outcome counted once for each model that scored its lead, no more. */
    public boolean counted() {
        return labelled == expected;
    }

    /** The figures of the JSON summary's {@code live_quality}, by model. */
    Map<String, Map<String, Object>> figures() {
        Map<String, Map<String, Object>> figures = new TreeMap<>();
        byModel.forEach((model, q) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("labelled", q.getLabelled());
            one.put("positives", q.getPositives());
            one.put("auc", round(q.getAuc()));
            one.put("log_loss", round(q.getLogLoss()));
            one.put("brier", round(q.getBrier()));
            one.put("ece", round(q.getEce()));
            one.put("f1", round(q.getF1()));
            figures.put(model, one);
        });
        return figures;
    }

    /** One line per model for people. */
    static String line(ModelQuality q) {
        return String.format(Locale.ROOT, "%s: labelled %,d (%,d converted)  AUC %s  log loss %s", q.getModelId(),
                q.getLabelled(), q.getPositives(), text(q.getAuc()), text(q.getLogLoss()));
    }

    private static String text(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
