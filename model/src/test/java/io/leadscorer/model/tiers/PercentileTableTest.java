package io.leadscorer.model.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentileTableTest {

    @Test
    void aProbabilitysPercentileIsTheShareOfValidationLeadsAtOrBelowIt() {
        Random random = new Random(3);
        double[] probabilities = new double[5000];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = Math.pow(random.nextDouble(), 3);
        }
        PercentileTable table = PercentileTable.fit(probabilities, PercentileTable.DEFAULT_QUANTILES);

        for (double probability : new double[] {0.001, 0.01, 0.05, 0.2, 0.5, 0.9}) {
            long atOrBelow = java.util.Arrays.stream(probabilities).filter(p -> p <= probability).count();
            assertThat(table.percentile(probability)).as("percentile of " + probability)
                    .isCloseTo(100.0 * atOrBelow / probabilities.length, within(1.0));
        }
    }

    @Test
    void belowTheLowestIs0AndAtTheHighestIs100() {
        PercentileTable table = PercentileTable.fit(new double[] {0.2, 0.4, 0.6}, 5);

        assertThat(table.quantiles()).containsExactly(new double[] {0.2, 0.3, 0.4, 0.5, 0.6}, within(1e-12));
        assertThat(table.percentile(0.1)).isZero();
        assertThat(table.percentile(0.2)).isZero();
        assertThat(table.percentile(0.45)).isCloseTo(62.5, within(1e-9));
        assertThat(table.percentile(0.6)).isEqualTo(100);
        assertThat(table.percentile(1)).isEqualTo(100);
    }

    @Test
    void aProbabilityManyLeadsShareCountsThemAllAsAtOrBelow() {
        double[] probabilities = {0.1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9};
        PercentileTable table = PercentileTable.fit(probabilities, 9);

        assertThat(table.percentile(0.5)).isEqualTo(87.5);
        assertThat(table.percentile(0.49)).isLessThan(12.5);
    }

    @Test
    void refusesQuantilesOutOfOrderOrNotProbabilities() {
        assertThatThrownBy(() -> new PercentileTable(new double[] {0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new PercentileTable(new double[] {0.5, 1.5}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PercentileTable(new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PercentileTable.fit(new double[] {0.5}, 2).percentile(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
