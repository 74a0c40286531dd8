package io.leadscorer.simulator.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OracleF1Test {

    /**
     * Sorted by probability: T T F T F F. Admitting the top 1..6 gives F1 2/4, 4/5, 4/6, 6/7, 6/8, 6/9;
     * the best is 6/7 at threshold 0.6 (precision 3/4, recall 1).
     */
    @Test
    void findsTheBestThresholdOnAHandMadeSample() {
        OracleReport report = OracleF1.of(new double[] {0.2, 0.9, 0.6, 0.1, 0.7, 0.8},
                new boolean[] {false, true, true, false, false, true});

        assertThat(report.f1()).isCloseTo(6.0 / 7, within(1e-12));
        assertThat(report.threshold()).isEqualTo(0.6);
        assertThat(report.precision()).isEqualTo(0.75);
        assertThat(report.recall()).isEqualTo(1.0);
        assertThat(report.rows()).isEqualTo(6);
        assertThat(report.positives()).isEqualTo(3);
        assertThat(report.positiveRate()).isEqualTo(0.5);
    }

    /**
     * Expected F1 = 2 * (sum of admitted p) / (admitted + sum of all p), sum of all p = 3.3:
     * top 1: 1.8/4.3 = 0.4186, top 2: 3.4/5.3 = 0.6415, top 3: 4.8/6.3 = 0.7619, top 4: 6.0/7.3 = 0.8219,
     * top 5: 6.4/8.3 = 0.7711. Best at threshold 0.6, where the realised F1 is 6/7.
     */
    @Test
    void theExpectedF1UsesOnlyTheProbabilities() {
        OracleReport report = OracleF1.of(new double[] {0.2, 0.9, 0.6, 0.1, 0.7, 0.8},
                new boolean[] {false, true, true, false, false, true});

        assertThat(report.expectedF1()).isCloseTo(6.0 / 7.3, within(1e-12));
        assertThat(report.expectedThreshold()).isEqualTo(0.6);
        assertThat(report.f1AtExpectedThreshold()).isCloseTo(6.0 / 7, within(1e-12));
    }

    /**
     * Equal probabilities cannot be split by a threshold: 0.9 admits one row (F1 2/3), 0.5 admits both tied rows
     * (F1 4/5), 0.1 all (F1 4/6). Splitting the tie in favour of the positive would give 1.0.
     */
    @Test
    void admitsTiedProbabilitiesTogether() {
        OracleReport report = OracleF1.of(new double[] {0.9, 0.5, 0.5, 0.1},
                new boolean[] {true, false, true, false});

        assertThat(report.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(report.threshold()).isEqualTo(0.5);
        assertThat(report.precision()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aSampleWithoutPositivesHasF1Zero() {
        OracleReport report = OracleF1.of(new double[] {0.3, 0.2}, new boolean[] {false, false});
        assertThat(report.f1()).isZero();
        assertThat(report.positiveRate()).isZero();
    }

    @Test
    void rejectsMismatchedOrInvalidInput() {
        assertThatThrownBy(() -> OracleF1.of(new double[] {0.3}, new boolean[] {true, false}))
                .hasMessageContaining("1 probabilities but 2 labels");
        assertThatThrownBy(() -> OracleF1.of(new double[] {1.3}, new boolean[] {true}))
                .hasMessageContaining("row 0");
    }
}
