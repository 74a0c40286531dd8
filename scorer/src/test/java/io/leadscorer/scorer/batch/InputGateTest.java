package io.leadscorer.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscorer.scorer.batch.BufferControl.HoldCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The circuit breaker over the input, driven by hand-made holds and its own clock. */
class InputGateTest {

    private static final long SECOND = 1_000_000_000L;

    private final BufferControl control = new BufferControl();
    private final List<String> switched = new ArrayList<>();
    private final InputGate gate = new InputGate(control, new InputGate.Input() {
        @Override
        public void pause() {
            switched.add("pause");
        }

        @Override
        public void resume() {
            switched.add("resume");
        }
    }, 3, Duration.ofSeconds(1), Duration.ofSeconds(4));

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            control.failed("0_0", HoldCause.MODEL_UNAVAILABLE, "no model", Instant.EPOCH);
        }
    }

    @Test
    void pausesAfterRepeatedFailuresTriesAgainAfterDoublingHoldsAndOpensWhenRecovered() {
        fail(2);
        gate.check(0);
        assertThat(switched).isEmpty();

        fail(1);
        gate.check(0);
        assertThat(switched).containsExactly("pause");
        assertThat(control.inputPaused()).isTrue();

        gate.check(SECOND - 1);
        assertThat(switched).containsExactly("pause");
        gate.check(SECOND);
        assertThat(switched).containsExactly("pause", "resume");
        gate.check(SECOND + 1);
        assertThat(switched).as("no new failure since the resume: stays open").hasSize(2);

        fail(1);
        gate.check(2 * SECOND);
        assertThat(switched).containsExactly("pause", "resume", "pause");
        gate.check(3 * SECOND);
        assertThat(switched).as("second hold is 2 s").hasSize(3);
        gate.check(4 * SECOND);
        assertThat(switched).hasSize(4);

        control.recovered("0_0");
        fail(1);
        control.recovered("0_0");
        gate.check(5 * SECOND);
        assertThat(switched).hasSize(4);
        assertThat(control.inputPaused()).isFalse();
    }

    @Test
    void opensAtOnceWhenTheHoldEndsWhilePaused() {
        fail(3);
        gate.check(0);
        control.recovered("0_0");
        gate.check(1);
        assertThat(switched).containsExactly("pause", "resume");
    }

    @Test
    void resumesOnCloseSoThatShutdownCanDrain() {
        fail(3);
        gate.check(0);
        gate.close();
        assertThat(switched).containsExactly("pause", "resume");
    }
}
