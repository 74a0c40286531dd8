package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.effects.ValueEffectFit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The log-odds the network is trained on top of, so that it learns what the value effects leave rather than the same
 * signal again. A training lead's offset is the base rate and effects fitted on the other folds of the training rows
 * under the chosen priors, so that its own label is not in it (an augmented copy takes the fold of the row it was
 * copied from); a validation lead's is the base rate and the effects fitted on all training rows, as the calibration
 * sees them.
 */
final class EffectOffsets {
    private final EffectKeys keys;
    private final Map<Long, Integer> foldOfLine;
    private final List<ValueEffects> foldEffects;
    private final double[] foldBaseLogits;
    private final ValueEffects judged;
    private final double baseLogit;

    private EffectOffsets(EffectKeys keys, Map<Long, Integer> foldOfLine, List<ValueEffects> foldEffects,
                          double[] foldBaseLogits, ValueEffects judged, double baseLogit) {
        this.keys = keys;
        this.foldOfLine = foldOfLine;
        this.foldEffects = foldEffects;
        this.foldBaseLogits = foldBaseLogits;
        this.judged = judged;
        this.baseLogit = baseLogit;
    }

    /** One fit of the effects per fold of {@code training}, the folds drawn from {@code seed}. */
    static EffectOffsets fit(List<String> columns, EffectKeys keys, List<LeadRow> training, FittedEffects effects,
                             int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("out-of-fold offsets need at least 2 folds, were " + folds);
        }
        List<Long> lines = new ArrayList<>(training.stream().map(LeadRow::line).distinct().toList());
        Collections.shuffle(lines, new Random(seed));
        Map<Long, Integer> foldOfLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            foldOfLine.put(lines.get(i), i % folds);
        }
        List<ValueEffects> foldEffects = new ArrayList<>(folds);
        double[] foldBaseLogits = new double[folds];
        for (int fold = 0; fold < folds; fold++) {
            int held = fold;
            List<LeadRow> others = training.stream().filter(row -> foldOfLine.get(row.line()) != held).toList();
            boolean[] labels = LeadRow.labels(others);
            foldBaseLogits[fold] = ValueEffectFit.baseRateLogit(labels);
            foldEffects.add(new ValueEffectFit(columns, keys, LeadRow.records(others),
                    ValueEffectFit.baseRateOffsets(labels, others.size()), labels).fit(effects.priorSds()));
        }
        return new EffectOffsets(keys, foldOfLine, foldEffects, foldBaseLogits, effects.judged(),
                ValueEffectFit.baseRateLogit(LeadRow.labels(training)));
    }

    /** The offsets of training rows (originals or their copies), each from the fold that did not see its row. */
    double[] training(List<LeadRow> rows) {
        double[] offsets = new double[rows.size()];
        for (int i = 0; i < offsets.length; i++) {
            LeadRow row = rows.get(i);
            Integer fold = foldOfLine.get(row.line());
            if (fold == null) {
                throw new IllegalArgumentException("line " + row.line() + " is not a training row");
            }
            offsets[i] = foldBaseLogits[fold] + foldEffects.get(fold).shift(row.record(), keys);
        }
        return offsets;
    }

    /** The offsets of rows no fold was fitted on: the effects of all training rows. */
    double[] heldOut(List<LeadRow> rows) {
        double[] shifts = judged.shifts(LeadRow.records(rows), keys);
        for (int i = 0; i < shifts.length; i++) {
            shifts[i] += baseLogit;
        }
        return shifts;
    }
}
