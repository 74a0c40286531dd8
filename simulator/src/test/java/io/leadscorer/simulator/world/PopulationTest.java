package io.leadscorer.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void ownerCountsSumToTheConfiguredTotalWithAtLeastOnePerCountry() {
        for (int total : new int[] {50, 300, 1000}) {
            int[] counts = Population.ownerCounts(total);
            assertThat(Arrays.stream(counts).sum()).isEqualTo(total);
            assertThat(Arrays.stream(counts).min().getAsInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aTotalBelowTheNumberOfCountriesStillGivesEachCountryOneOwner() {
        int[] counts = Population.ownerCounts(3);
        assertThat(counts).hasSize(Geography.COUNTRIES.size()).containsOnly(1);
    }

    @Test
    void heavierCountriesGetMoreOwners() {
        int[] counts = Population.ownerCounts(1000);
        Geography.Country heaviest = Geography.COUNTRIES.stream()
                .max((a, b) -> Double.compare(a.weight(), b.weight())).orElseThrow();
        Geography.Country lightest = Geography.COUNTRIES.stream()
                .min((a, b) -> Double.compare(a.weight(), b.weight())).orElseThrow();
        assertThat(counts[heaviest.index()]).isGreaterThan(counts[lightest.index()]);
    }
}
