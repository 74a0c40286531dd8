package io.leadscorer.trainer.effects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What the id-effects step of a training run chose and measured, for metrics.json.
 *
 * @param priorSds                      the chosen prior standard deviation per column
 * @param values                        per column, the values that got an effect (those with training rows)
 * @param validationLogLossWithout      validation log loss of the network alone, Platt-calibrated
 * @param validationLogLossWith         the same with the effects added (both in sample: the search chose on it)
 * @param seconds                       the step's time: scoring the training rows, the search and the fit
 */
@Serdeable
public record IdEffectsReport(
        @JsonProperty("prior_sds") Map<String, Double> priorSds,
        @JsonProperty("values") Map<String, Integer> values,
        @JsonProperty("validation_log_loss_without") double validationLogLossWithout,
        @JsonProperty("validation_log_loss_with") double validationLogLossWith,
        @JsonProperty("seconds") double seconds) {

    public static IdEffectsReport of(List<String> columns, PriorSearch.Choice choice, double seconds) {
        Map<String, Double> sds = new java.util.LinkedHashMap<>();
        Map<String, Integer> values = new java.util.LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            sds.put(columns.get(c), choice.priorSds()[c]);
            values.put(columns.get(c), choice.effects().columns().get(columns.get(c)).effects().size());
        }
        return new IdEffectsReport(sds, values, choice.withoutEffectsLogLoss(), choice.heldOutLogLoss(), seconds);
    }
}
