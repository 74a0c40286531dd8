package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.effects.ValueEffects;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.trainer.data.LeadRow;
import io.leadscorer.trainer.effects.ValueEffectFit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EffectOffsetsTest {
    private static final List<String> COLUMNS = List.of("customer_type");
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());
    private static final double[] PRIOR_SDS = {1.0};

    /** Four customer types converting at 5%, 10%, 20% and 40%, lines 2 onwards. */
    private static List<LeadRow> rows(int count, long seed) {
        Random random = new Random(seed);
        double[] rates = {0.05, 0.1, 0.2, 0.4};
        List<LeadRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int type = i % rates.length;
            rows.add(new LeadRow(i + 2, Map.of("customer_type", "type " + type), random.nextDouble() < rates[type]));
        }
        return rows;
    }

    private static EffectOffsets fit(List<LeadRow> training) {
        ValueEffects judged = new ValueEffectFit(COLUMNS, KEYS, LeadRow.records(training),
                ValueEffectFit.baseRateOffsets(LeadRow.labels(training), training.size()), LeadRow.labels(training))
                .fit(PRIOR_SDS);
        return EffectOffsets.fit(COLUMNS, KEYS, training, new FittedEffects(judged, judged, null, PRIOR_SDS), 5, 7);
    }

    @Test
    void aTrainingRowsOffsetDoesNotMoveWithItsOwnLabel() {
        List<LeadRow> training = rows(400, 1);
        List<LeadRow> flipped = new ArrayList<>(training);
        LeadRow row = training.get(17);
        flipped.set(17, new LeadRow(row.line(), row.cells(), !row.converted()));

        double before = fit(training).training(List.of(row))[0];
        double after = fit(flipped).training(List.of(flipped.get(17)))[0];
        // another row of the same type but another fold sees the flipped label
        double[] others = fit(training).training(training.subList(0, 40));
        double[] othersAfter = fit(flipped).training(flipped.subList(0, 40));

        assertThat(after).isEqualTo(before);
        assertThat(othersAfter).isNotEqualTo(others);
    }

    @Test
    void offsetsAreTheBaseRateAndEffectsAndOrderTheTypesByTheirRates() {
        List<LeadRow> training = rows(4000, 2);
        EffectOffsets offsets = fit(training);
        List<LeadRow> validation = rows(8, 3);

        double[] heldOut = offsets.heldOut(validation);
        double[] ofTraining = offsets.training(training.subList(0, 4));

        assertThat(heldOut[0]).isLessThan(heldOut[1]);
        assertThat(heldOut[1]).isLessThan(heldOut[2]);
        assertThat(heldOut[2]).isLessThan(heldOut[3]);
        // log-odds near those of the types' rates, out of fold too
        assertThat(heldOut[3]).isCloseTo(Math.log(0.4 / 0.6), within(0.25));
        assertThat(ofTraining[0]).isCloseTo(Math.log(0.05 / 0.95), within(0.35));
        assertThat(ofTraining[3]).isCloseTo(Math.log(0.4 / 0.6), within(0.25));
    }

    @Test
    void anAugmentedCopyTakesTheFoldOfItsRowAndAStrangerIsRefused() {
        List<LeadRow> training = rows(400, 4);
        EffectOffsets offsets = fit(training);
        LeadRow row = training.get(5);
        LeadRow copy = row.withCells(Map.of());

        double[] pair = offsets.training(List.of(row, row));
        assertThat(pair[1]).isEqualTo(pair[0]);
        // the copy lost its type (10%, below the base rate): its fold's base rate alone is above the row's offset
        assertThat(offsets.training(List.of(copy))[0]).isGreaterThan(pair[0]);
        assertThatThrownBy(() -> offsets.training(List.of(new LeadRow(9999, Map.of(), true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 9999");
        assertThatThrownBy(() -> EffectOffsets.fit(COLUMNS, KEYS, training, FittedEffects.NONE, 1, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 folds");
    }
}
