package io.leadscorer.trainer.evaluate;

import io.leadscorer.model.bundle.Manifest;
import io.leadscorer.model.predict.Calibration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the same bundle would serve without its network: its value effects alone, calibrated on the same validation
 * leads ({@link Calibration#fitEffectsAlone}), with their own threshold of best F1 there. The trainer records it in
 * the manifest's metrics and {@code evaluate} scores test leads with it beside the bundle, so that the network's share
 * is measured with everything else equal.
 */
public record WithoutNetwork(Calibration calibration, double threshold, double validationF1) {
    static final String KEY = "without_network";

    /** The manifest metrics entry. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("effects_slope", calibration.effectsSlope());
        map.put("intercept", calibration.intercept());
        map.put("threshold", threshold);
        map.put("validation_f1", validationF1);
        return map;
    }

    /** Adds the entry to a manifest's metrics. */
    public void putInto(Map<String, Object> metrics) {
        metrics.put(KEY, asMap());
    }

    /** The entry a manifest records; empty for a bundle without value effects or written before it. */
    public static Optional<WithoutNetwork> of(Manifest manifest) {
        if (!(manifest.metrics().get(KEY) instanceof Map<?, ?> entry)) {
            return Optional.empty();
        }
        Calibration calibration = new Calibration(Calibration.PLATT, 0, number(entry, "intercept"),
                number(entry, "effects_slope"));
        return Optional.of(new WithoutNetwork(calibration, number(entry, "threshold"), number(entry, "validation_f1")));
    }

    private static double number(Map<?, ?> entry, String key) {
        if (!(entry.get(key) instanceof Number number)) {
            throw new IllegalArgumentException("the manifest's " + KEY + "." + key + " is not a number: "
                    + entry.get(key));
        }
        return number.doubleValue();
    }
}
