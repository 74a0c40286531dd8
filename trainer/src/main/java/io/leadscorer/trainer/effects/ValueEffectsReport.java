package io.leadscorer.trainer.effects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscorer.model.effects.ValueEffects;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What the value-effects step of a training run chose and measured, for metrics.json.
 *
 * @param priorSds                      the chosen prior standard deviation per column
 * @param values                        per column, the values that got an effect in the bundle (those with rows)
 * @param validationLogLossWithout      validation log loss of the offsets the effects were fitted on (the base rate)
 * @param validationLogLossWith         the same with the effects added, Platt-calibrated, without the network (in
 *                                      sample: the search chose on it)
 * @param refittedWithValidation        whether the bundle's effects were refitted on the training and validation rows
 *                                      (the log losses above are those of the effects from the training rows alone)
 * @param seconds                       the step's time: scoring the training rows, the search and the fit
 */
@Serdeable
public record ValueEffectsReport(
        @JsonProperty("prior_sds") Map<String, Double> priorSds,
        @JsonProperty("values") Map<String, Integer> values,
        @JsonProperty("validation_log_loss_without") double validationLogLossWithout,
        @JsonProperty("validation_log_loss_with") double validationLogLossWith,
        @JsonProperty("refitted_with_validation") boolean refittedWithValidation,
        @JsonProperty("seconds") double seconds) {

    /** The report of a search's choice, with the effects the bundle serves ({@code served}). */
    public static ValueEffectsReport of(List<String> columns, PriorSearch.Choice choice, ValueEffects served,
                                     boolean refittedWithValidation, double seconds) {
        Map<String, Double> sds = new java.util.LinkedHashMap<>();
        Map<String, Integer> values = new java.util.LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            sds.put(columns.get(c), choice.priorSds()[c]);
            values.put(columns.get(c), served.columns().get(columns.get(c)).effects().size());
        }
        return new ValueEffectsReport(sds, values, choice.withoutEffectsLogLoss(), choice.heldOutLogLoss(),
                refittedWithValidation, seconds);
    }
}
