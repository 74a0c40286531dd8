package io.leadscorer.trainer.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality of probabilities against labels: F1, precision and recall at {@code threshold} (a lead is
 * predicted to convert when its probability is at least the threshold), threshold-free ROC-AUC and PR-AUC
 * (average precision; null where the labels leave them undefined: ROC-AUC without both classes, PR-AUC without
 * a converted lead), the row count and the confusion matrix.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BinaryMetrics(
        @JsonProperty("f1") double f1,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("roc_auc") @Nullable Double rocAuc,
        @JsonProperty("pr_auc") @Nullable Double prAuc,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("rows") long rows,
        @JsonProperty("positives") long positives,
        @JsonProperty("confusion_matrix") ConfusionMatrix confusion) {

    /** The same figures as a plain map, for the bundle manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("f1", f1);
        map.put("precision", precision);
        map.put("recall", recall);
        map.put("roc_auc", rocAuc);
        map.put("pr_auc", prAuc);
        map.put("threshold", threshold);
        map.put("rows", rows);
        map.put("positives", positives);
        map.put("true_positives", confusion.truePositives());
        map.put("false_positives", confusion.falsePositives());
        map.put("true_negatives", confusion.trueNegatives());
        map.put("false_negatives", confusion.falseNegatives());
        return map;
    }
}
