package io.leadscorer.trainer.baseline;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.effects.ValueEffectFit;
import io.leadscorer.trainer.effects.PriorSearch;

import java.util.List;

/**
 * The trainer's value effects without the network: the same columns, priors searched the same way on validation,
 * each lead scored by the base rate plus its values' effects. It tells what the transformer adds to the additive
 * model it is stacked with. Unlike `train`, it never refits on the validation rows (a baseline fits on the training
 * rows only). Its values are keyed as the default lead text writes them (a baseline writes no bundle).
 */
final class ValueEffectsBaseline implements Baseline {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private final List<String> columns;
    private final double[] priorSds;
    private final int threads;
    private ValueEffects effects = ValueEffects.NONE;
    private double baseRate;

    ValueEffectsBaseline(List<String> columns, List<Double> priorSds, int threads) {
        this.columns = List.copyOf(columns);
        this.priorSds = priorSds.stream().mapToDouble(Double::doubleValue).toArray();
        this.threads = threads;
    }

    @Override
    public String name() {
        return "value_effects";
    }

    @Override
    public void fit(List<LeadRow> training, List<LeadRow> validation) {
        baseRate = ValueEffectFit.baseRateLogit(LeadRow.labels(training));
        effects = PriorSearch.onBaseRate(columns, KEYS, LeadRow.records(training), LeadRow.labels(training),
                LeadRow.records(validation), LeadRow.labels(validation)).choose(columns.size(), priorSds, threads).effects();
    }

    @Override
    public double[] probabilities(List<LeadRow> rows) {
        double[] shifts = effects.shifts(LeadRow.records(rows), KEYS);
        double[] probabilities = new double[rows.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = 1 / (1 + Math.exp(-(baseRate + shifts[i])));
        }
        return probabilities;
    }
}
