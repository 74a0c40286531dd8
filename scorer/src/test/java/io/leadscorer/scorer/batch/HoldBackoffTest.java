package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldBackoffTest {

    private final HoldBackoff hold = new HoldBackoff();

    @Test
    void withoutAHoldScoringMayBeTriedAtOnce() {
        assertThat(hold.mayTry(0)).isTrue();
        assertThat(hold.failuresInARow()).isZero();
        assertThat(hold.recovered()).as("no hold to end").isZero();
    }

    @Test
    void theWaitStartsAt100MsAndDoublesUpTo2Seconds() {
        long now = 1_000;
        long[] waits = new long[8];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = hold.failed(now);
        }
        assertThat(waits).containsExactly(100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000);
        assertThat(hold.failuresInARow()).isEqualTo(8);
    }

    @Test
    void aHeldTaskMayTryOnlyOnceItsWaitIsOver() {
        hold.failed(1_000);
        assertThat(hold.mayTry(1_099)).isFalse();
        assertThat(hold.mayTry(1_100)).isTrue();

        hold.failed(1_100);
        assertThat(hold.mayTry(1_299)).isFalse();
        assertThat(hold.mayTry(1_300)).isTrue();
    }

    @Test
    void aSuccessEndsTheHoldAndTheNextFailureWaitsTheFirstWaitAgain() {
        hold.failed(0);
        hold.failed(0);
        hold.failed(0);

        assertThat(hold.recovered()).isEqualTo(3);
        assertThat(hold.mayTry(0)).isTrue();
        assertThat(hold.failed(5_000)).isEqualTo(HoldBackoff.FIRST_RETRY_MS);
    }

    @Test
    void theWaitStaysAtItsMaximumHoweverLongTheHoldLasts() {
        long wait = 0;
        for (int i = 0; i < 100; i++) {
            wait = hold.failed(0);
        }
        assertThat(wait).isEqualTo(HoldBackoff.MAX_RETRY_MS);
    }
}
