package io.leadscorer.trainer.effects;

import io.leadscorer.model.effects.EffectKeys;
import io.leadscorer.model.text.TextSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriorSearchTest {
    private static final EffectKeys KEYS = new EffectKeys(TextSpec.defaults());

    private static final List<String> COLUMNS = List.of("customer_idx", "lead_owner");
    private static final double[] CANDIDATES = {1.0, 0, 0.25, 0.5, 1.5, 2.5};

    @Test
    void choosesPriorsNearTheTrueSpreadAndLowersTheHeldOutLoss() {
        IdLeads training = new IdLeads(12_000, 200, 600, 1.5, 0.6, 11);
        IdLeads heldOut = sameWorld(training, 5_000, 12);

        PriorSearch.Choice choice = search(training, heldOut);

        assertThat(choice.priorSds()[0]).isBetween(1.0, 2.5);
        assertThat(choice.priorSds()[1]).isBetween(0.25, 1.5);
        assertThat(choice.heldOutLogLoss()).isLessThan(choice.withoutEffectsLogLoss() - 0.02);
    }

    @Test
    void choosesNoSpreadWhereTheIdsHaveNoEffect() {
        IdLeads training = new IdLeads(10_000, 200, 20, 0, 0, 21);
        IdLeads heldOut = sameWorld(training, 5_000, 22);

        PriorSearch.Choice choice = search(training, heldOut);

        assertThat(choice.priorSds()[0]).isLessThanOrEqualTo(0.25);
        assertThat(choice.priorSds()[1]).isLessThanOrEqualTo(0.25);
        assertThat(choice.heldOutLogLoss()).isLessThanOrEqualTo(choice.withoutEffectsLogLoss());
    }

    @Test
    void fallsBackToNoEffectsWhenEveryCandidateIsWorseThanTheNetworkAlone() {
        IdLeads training = new IdLeads(10_000, 200, 20, 0, 0, 23);
        IdLeads heldOut = sameWorld(training, 5_000, 24);
        ValueEffectFit fit = new ValueEffectFit(COLUMNS, KEYS, training.leads, training.offsets, training.labels);

        PriorSearch.Choice choice = new PriorSearch(fit, heldOut.leads, heldOut.offsets, heldOut.labels)
                .choose(COLUMNS.size(), new double[] {2.0, 3.0}, 1);

        assertThat(choice.priorSds()).containsExactly(0, 0);
        assertThat(choice.effects().shifts(heldOut.leads, KEYS)).containsOnly(0.0);
        assertThat(choice.heldOutLogLoss()).isEqualTo(choice.withoutEffectsLogLoss());
    }

    @Test
    void choosesTheSameOnOneThreadAsOnSeveral() {
        IdLeads training = new IdLeads(6_000, 150, 300, 1.5, 0.6, 31);
        IdLeads heldOut = sameWorld(training, 3_000, 32);
        ValueEffectFit fit = new ValueEffectFit(COLUMNS, KEYS, training.leads, training.offsets, training.labels);
        PriorSearch search = new PriorSearch(fit, heldOut.leads, heldOut.offsets, heldOut.labels);

        PriorSearch.Choice one = search.choose(COLUMNS.size(), CANDIDATES, 1);
        PriorSearch.Choice three = search.choose(COLUMNS.size(), CANDIDATES, 3);

        assertThat(three.priorSds()).containsExactly(one.priorSds());
        assertThat(three.heldOutLogLoss()).isEqualTo(one.heldOutLogLoss());
        assertThat(three.effects()).isEqualTo(one.effects());
    }

    private static PriorSearch.Choice search(IdLeads training, IdLeads heldOut) {
        ValueEffectFit fit = new ValueEffectFit(COLUMNS, KEYS, training.leads, training.offsets, training.labels);
        return new PriorSearch(fit, heldOut.leads, heldOut.offsets, heldOut.labels).choose(COLUMNS.size(), CANDIDATES, 2);
    }

    /** Held-out leads of the same companies and owners: the same effects, other rows. */
    private static IdLeads sameWorld(IdLeads training, int count, long seed) {
        return training.resample(count, seed);
    }
}
