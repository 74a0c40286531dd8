package io.leadscorer.simulator.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** A clock that only moves when the pacer sleeps or the test advances it. */
    static final class FakeClock implements Pacer.Clock {
        long now = 1_000_000;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadline) {
            sleeps.add(deadline - 1_000_000);
            now = Math.max(now, deadline);
        }
    }

    @Test
    void spacesSendsEvenlyAtTheRate() throws Exception {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(4, clock);
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn(i);
        }
        assertThat(clock.sleeps).containsExactly(250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L);
    }

    @Test
    void doesNotSleepWhenASendIsAlreadyDue() throws Exception {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(10, clock);
        pacer.awaitTurn(0);
        clock.now += 150_000_000;
        pacer.awaitTurn(1);
        pacer.awaitTurn(2);
        assertThat(clock.sleeps).containsExactly(200_000_000L);
    }

    @Test
    void restartsTheScheduleAfterAStallInsteadOfBursting() throws Exception {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(10, clock);
        pacer.awaitTurn(0);
        clock.now += 5_000_000_000L;
        pacer.awaitTurn(1);
        pacer.awaitTurn(2);
        assertThat(clock.sleeps).containsExactly(5_100_000_000L);
    }

    @Test
    void anUnpacedRunNeverSleeps() throws Exception {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(0, clock);
        for (int i = 0; i < 100; i++) {
            pacer.awaitTurn(i);
        }
        assertThat(clock.sleeps).isEmpty();
    }
}
