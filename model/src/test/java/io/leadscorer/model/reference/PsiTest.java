package io.leadscorer.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PsiTest {

    @Test
    void matchesAHandComputedIndex() {
        // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5)
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {25, 75})).isCloseTo(0.2746530722, within(1e-9));
        // (0.2 - 0.1) ln 2 + (0.3 - 0.4) ln(0.75) + (0.5 - 0.5) ln 1
        assertThat(Psi.of(new double[] {0.1, 0.4, 0.5}, new long[] {2, 3, 5})).isCloseTo(0.0980829253, within(1e-9));
    }

    @Test
    void theSameDistributionGivesZero() {
        assertThat(Psi.of(new double[] {0.2, 0.3, 0.5}, new long[] {200, 300, 500})).isZero();
        assertThat(Psi.of(new double[] {0.25, 0.25, 0.5}, new long[] {1, 1, 2})).isZero();
    }

    @Test
    void aShiftedDistributionPassesTheAlarmLine() {
        double[] deciles = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        long[] slight = {95, 105, 100, 98, 102, 100, 99, 101, 100, 100};
        long[] shifted = {10, 20, 30, 50, 80, 100, 130, 160, 200, 220};

        assertThat(Psi.of(deciles, slight)).isBetween(0.0, Psi.WARN);
        assertThat(Psi.of(deciles, shifted)).isGreaterThan(Psi.ALARM);
    }

    @Test
    void anEmptyBinOnEitherSideGivesAFiniteIndex() {
        // the live side's empty bin is floored at EPSILON: (1e-4 - 0.5) ln(1e-4 / 0.5) + (1 - 0.5) ln(1 / 0.5)
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {0, 100}))
                .isCloseTo((Psi.EPSILON - 0.5) * Math.log(Psi.EPSILON / 0.5) + 0.5 * Math.log(2), within(1e-12))
                .isCloseTo(4.6043185, within(1e-6));
        // a value the training leads never had: the reference's empty bin
        double unseen = Psi.of(new double[] {0.6, 0.4, 0.0}, new long[] {50, 30, 20});
        assertThat(unseen).isFinite().isGreaterThan(Psi.ALARM);
    }

    @Test
    void noLiveLeadsGiveNaNAndMismatchedBinsAreRefused() {
        assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {0, 0})).isNaN();
        assertThatThrownBy(() -> Psi.of(new double[] {0.5, 0.5}, new long[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 expected shares but 3 actual counts");
    }
}
